"""Adapters: one module per kind of partner, behind targets.base.Adapter."""

from sync.targets.base import AdapterBase, Item, Outcome
from sync.targets.registry import adapter_classes, adapter_for

__all__ = ["AdapterBase", "Item", "Outcome", "adapter_classes", "adapter_for"]

"""Writes of the sync app: the outbox (fan-out, resend, resync), sending
(with the payloads it builds), pruning, and target state (disable,
notify)."""

from sync.services.outbox import (
    deliveries_fan_out,
    deliveries_resend,
    deliveries_resend_failed,
    target_resync,
)
from sync.services.payloads import payloads_build, payloads_build_missing
from sync.services.pruning import sync_prune
from sync.services.sending import DrainResult, target_drain
from sync.services.targets import target_disable, target_save

__all__ = [
    "DrainResult",
    "deliveries_fan_out",
    "deliveries_resend",
    "deliveries_resend_failed",
    "payloads_build",
    "payloads_build_missing",
    "sync_prune",
    "target_disable",
    "target_drain",
    "target_resync",
    "target_save",
]

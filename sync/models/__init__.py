from sync.models.deliveries import Delivery, DeliveryStatus
from sync.models.targets import Adapter, Target

__all__ = ["Adapter", "Delivery", "DeliveryStatus", "Target"]

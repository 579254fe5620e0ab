from sync.models.deliveries import Delivery, DeliveryAttempt, DeliveryStatus
from sync.models.payloads import Payload
from sync.models.targets import Adapter, Target

__all__ = [
    "Adapter",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryStatus",
    "Payload",
    "Target",
]

from .audiences import Audience
from .deliveries import Delivery
from .issues import NewsletterIssue, NewsletterIssueTranslation
from .subscribers import Subscriber
from .subscription_requests import SubscriptionRequest

__all__ = [
    "Audience",
    "Delivery",
    "NewsletterIssue",
    "NewsletterIssueTranslation",
    "Subscriber",
    "SubscriptionRequest",
]

from .audiences import Audience
from .deliveries import Delivery
from .issues import NewsletterIssue, NewsletterIssueTranslation
from .subscribers import Subscriber

__all__ = [
    "Audience",
    "Delivery",
    "NewsletterIssue",
    "NewsletterIssueTranslation",
    "Subscriber",
]

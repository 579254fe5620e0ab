from .audiences import Audience
from .deliveries import Delivery
from .issues import NewsletterIssue
from .subscribers import Subscriber

__all__ = ["Audience", "Delivery", "NewsletterIssue", "Subscriber"]

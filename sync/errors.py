"""The error summaries a delivery records (sync/targets/base.py writes them)
and their text for people. The stored summary stays English and stable:
logs, the health numbers and rows written before a translation changed
read it. The delivery log shows error_text(summary), in the reader's
language."""

import re

from django.utils.translation import gettext as _

CONNECTION_ERROR = "connection error"
TIMEOUT = "timeout"
UNSAFE_ADDRESS = "unsafe address: "
_HTTP_STATUS = re.compile(r"HTTP (\d{3})")
# Any other summary is an exception's class name (an unforeseen failure).
_CLASS_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def error_text(summary: str) -> str:
    """What a stored error summary says, for the delivery log."""
    if not summary:
        return ""
    if summary == CONNECTION_ERROR:
        return _("The connection failed")
    if summary == TIMEOUT:
        return _("No answer in time")
    if summary.startswith(UNSAFE_ADDRESS):
        reason = summary.removeprefix(UNSAFE_ADDRESS)
        return _("Address not allowed: %(reason)s") % {"reason": reason}
    if match := _HTTP_STATUS.fullmatch(summary):
        return _("The receiver answered HTTP %(code)s") % {"code": match[1]}
    if _CLASS_NAME.fullmatch(summary):
        return _("Unexpected error (%(name)s)") % {"name": summary}
    return summary

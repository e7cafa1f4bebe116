"""Which addresses name this machine only, read safely from what a browser sends."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str | None:
    """The name in a Host header ("127.0.0.1:8000" gives "127.0.0.1"); None if it is not one."""
    try:
        return urlsplit(f"//{header}").hostname or ""
    except ValueError:  # "[" and the like
        return None


def netloc(url: str) -> str | None:
    """The "host:port" of a URL such as an Origin header, lower case; None if it is not one."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return None

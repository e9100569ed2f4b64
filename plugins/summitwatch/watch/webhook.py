"""The generic webhook: a notification as one JSON POST, under the crawler's SSRF rules.

The URL and the address actually connected to must be public, as for fetching
(``sources/safety.py``), unless the watch or the deployment
(``SUMMITWATCH_NOTIFY_WEBHOOK_ALLOW_PRIVATE_NETWORK``) allows loopback and
private addresses; link-local and metadata addresses stay refused even then.
Redirects are not followed. Any status but 2xx is a failure.
"""

from __future__ import annotations

from summitwatch.sources.http import HttpClient
from summitwatch.sources.settings import FetchSettings
from summitwatch.watch.delivery import Notification, NotifySettings


class WebhookRefused(RuntimeError):
    """The receiver answered, but not with 2xx."""


def post_webhook(
    notification: Notification,
    settings: NotifySettings | None = None,
    fetch_settings: FetchSettings | None = None,
) -> int:
    """POST the notification's JSON document; return the HTTP status, raise on anything but 2xx."""
    settings = settings or NotifySettings.from_env()
    allow_private = notification.allow_private_network or settings.webhook_allow_private_network
    with HttpClient(fetch_settings or FetchSettings.from_env()) as client:
        response = client.post_json(
            notification.target,
            notification.webhook_document(),
            headers={"Idempotency-Key": notification.idempotency_key},
            allow_private_network=allow_private,
        )
    if not 200 <= response.status < 300:
        raise WebhookRefused(f"HTTP {response.status} from {notification.target}")
    return response.status

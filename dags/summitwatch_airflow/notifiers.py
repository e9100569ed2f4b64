"""The watchlists' notifiers: thin ``BaseNotifier`` classes around the package's delivery logic.

What to send, to whom, retries and bookkeeping live in ``summitwatch.watch``
(no Airflow there); these classes only hand a prepared notification to
Airflow's SMTP provider or to the package's webhook poster. Messages are data,
never templates: neither class has template fields, so an evidence sentence
with ``{{`` in it is sent as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from airflow.providers.smtp.notifications.smtp import SmtpNotifier
from airflow.sdk import BaseNotifier

if TYPE_CHECKING:
    from summitwatch.watch.delivery import Notification, NotifySettings

# The SMTP server: an Airflow connection (host, port, login, TLS flags, from_email in its extra).
SMTP_CONN_ID = "summitwatch_smtp"


class WatchEmailNotifier(SmtpNotifier):
    """One watch notification as an e-mail, through the SMTP provider and connection ``summitwatch_smtp``."""

    template_fields = ()

    def __init__(self, notification: Notification, settings: NotifySettings) -> None:
        super().__init__(
            to=notification.target,
            from_email=settings.email_from or None,  # None: the connection's from_email
            subject=notification.subject,
            html_content=notification.email_html(),
            custom_headers={"Message-ID": notification.email_message_id("summitwatch")},
            smtp_conn_id=SMTP_CONN_ID,
        )


class WatchWebhookNotifier(BaseNotifier):
    """One watch notification as a JSON POST (the package's HTTP client, with its SSRF guard)."""

    template_fields = ()

    def __init__(self, notification: Notification, settings: NotifySettings) -> None:
        super().__init__()
        self.notification = notification
        self.settings = settings

    def notify(self, context: Any) -> None:
        from summitwatch.watch.webhook import post_webhook

        post_webhook(self.notification, self.settings)


def send_notification(notification: Notification, settings: NotifySettings, context: Any) -> None:
    """Deliver one notification through the notifier of its channel; raises when the receiver fails."""
    notifier_class = WatchEmailNotifier if notification.channel == "email" else WatchWebhookNotifier
    notifier_class(notification, settings).notify(context)

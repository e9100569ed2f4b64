"""The webhook poster refuses what the fetcher refuses, before anything is sent."""

from __future__ import annotations

import pytest

from summitwatch.sources.safety import UnsafeURL
from summitwatch.watch.delivery import Notification, NotifySettings
from summitwatch.watch.webhook import post_webhook


def _to(url: str, *, allow_private_network: bool = False) -> Notification:
    return Notification(
        notification_id=1,
        watch_name="w",
        channel="webhook",
        target=url,
        subject="s",
        body="b",
        payload={"watch": "w", "changes": []},
        allow_private_network=allow_private_network,
    )


@pytest.mark.parametrize("url", ["http://10.1.2.3/hook", "http://192.168.0.10/hook", "http://[::1]/hook"])
def test_private_addresses_need_an_allowance(url: str) -> None:
    with pytest.raises(UnsafeURL, match="non-public address"):
        post_webhook(_to(url), NotifySettings())


@pytest.mark.parametrize("allowed_by", ["watch", "deployment"])
def test_metadata_addresses_are_refused_even_when_private_ones_are_allowed(allowed_by: str) -> None:
    notification = _to("http://169.254.169.254/latest/", allow_private_network=allowed_by == "watch")
    settings = NotifySettings(webhook_allow_private_network=allowed_by == "deployment")
    with pytest.raises(UnsafeURL, match="link-local or cloud metadata"):
        post_webhook(notification, settings)


def test_the_deployment_setting_comes_from_the_environment() -> None:
    env = {"SUMMITWATCH_NOTIFY_WEBHOOK_ALLOW_PRIVATE_NETWORK": "true", "SUMMITWATCH_NOTIFY_ATTEMPTS": "5"}
    settings = NotifySettings.from_env(env)
    assert settings.webhook_allow_private_network and settings.attempts == 5
    with pytest.raises(ValueError, match="SUMMITWATCH_NOTIFY_ATTEMPTS='many'"):
        NotifySettings.from_env({"SUMMITWATCH_NOTIFY_ATTEMPTS": "many"})

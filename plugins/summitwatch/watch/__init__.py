"""Watchlists and status-change notifications (issue 16); see docs/analyst-guide.md#watchlists."""

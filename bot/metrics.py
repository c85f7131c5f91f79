"""Prometheus metrics, one registry per running app (never module globals)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

__all__ = ["Metrics"]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._stored_children: dict[str, tuple[Counter, Counter]] = {}
        self.mentions_received = Counter(
            "directo_mentions_received",
            "Mentions accepted by a webhook and stored",
            ["source"],
            registry=self.registry,
        )
        self.mentions_duplicate = Counter(
            "directo_mentions_duplicate",
            "Mentions received again and skipped",
            ["source"],
            registry=self.registry,
        )
        self.webhook_rejected = Counter(
            "directo_webhook_rejected",
            "Webhook requests refused, by HTTP status",
            ["source", "status"],
            registry=self.registry,
        )
        self.mentions_processed = Counter(
            "directo_mentions_processed",
            "Mentions triaged by the pipeline, by severity",
            ["severity"],
            registry=self.registry,
        )
        self.escalations_opened = Counter("directo_escalations_opened", "Escalations opened", registry=self.registry)
        self.notifications_sent = Counter(
            "directo_notifications_sent", "Telegram notifications delivered", ["kind"], registry=self.registry
        )
        self.notifications_failed = Counter(
            "directo_notifications_failed",
            "Telegram notification attempts that failed",
            ["reason"],
            registry=self.registry,
        )
        buckets = (5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400)
        self.time_to_first_page = Histogram(
            "directo_time_to_first_page_seconds",
            "From the first mention received to the first page queued",
            ["severity"],
            buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300),
            registry=self.registry,
        )
        self.time_to_ack = Histogram(
            "directo_time_to_ack_seconds",
            "From an escalation opening to its acknowledgement",
            ["severity"],
            buckets=buckets,
            registry=self.registry,
        )
        self.time_to_response = Histogram(
            "directo_time_to_first_response_seconds",
            "From the first mention to the first executive response",
            ["severity"],
            buckets=buckets,
            registry=self.registry,
        )
        self.notifications_pending = Gauge(
            "directo_notifications_pending", "Telegram notifications waiting in the outbox", registry=self.registry
        )
        self.sweep_lag = Gauge(
            "directo_sweep_lag_seconds", "Seconds since the deadline sweep last ran", registry=self.registry
        )
        self.pipeline_backlog = Gauge(
            "directo_pipeline_backlog",
            "Mentions waiting for triage after the last pipeline pass",
            registry=self.registry,
        )

    def count_stored(self, source: str, accepted: int, duplicates: int) -> None:
        """Count one webhook request's outcome (the labelled children are looked up once per source: this
        runs on every request)."""
        children = self._stored_children.get(source)
        if children is None:
            children = (self.mentions_received.labels(source), self.mentions_duplicate.labels(source))
            self._stored_children[source] = children
        if accepted:
            children[0].inc(accepted)
        if duplicates:
            children[1].inc(duplicates)

    def render(self) -> bytes:
        return generate_latest(self.registry)

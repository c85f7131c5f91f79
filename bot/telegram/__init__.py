"""The Telegram edge: the PTB application, its handlers, the card renderer and the outbox notifier."""

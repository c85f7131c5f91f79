"""What people do: link their Telegram account, and act on escalations."""

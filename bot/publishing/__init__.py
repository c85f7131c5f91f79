"""Publishing adapters: how an executive's reply reaches the platform (deep links, outbound webhooks)."""

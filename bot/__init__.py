"""Directo: the brand mentions that need someone with the power to decide, straight to their Telegram."""

__version__ = "0.1.0"

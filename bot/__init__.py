"""The adapters: the ``qabot`` command line and, later, the Telegram bot."""

"""The load test's defaults and bounds: what `qabot loadtest`'s options offer, without the
load test itself (its Bot API server, the bot's modules), which only that command needs."""

DEFAULT_CHATS = 200
DEFAULT_PER_CHAT = 5
DEFAULT_MIX = "private=5,group=3,inline=2"
DEFAULT_SPREAD_SECONDS = 5.0
DEFAULT_SOAK_SECONDS = 300
DEFAULT_RATE = 8.0
DEFAULT_REPLY_TIMEOUT = 120.0
# Bounds on what one run may ask for.
MAX_CHATS = 10_000
MAX_PER_CHAT = 100
MAX_QUESTIONS = 50_000
MAX_SPREAD_SECONDS = 600.0
MIN_SOAK_SECONDS = 30
MAX_SOAK_SECONDS = 3_600
MAX_RATE = 50.0

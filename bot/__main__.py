"""`python -m bot` is the same as the `directo` command."""

from bot.cli import main

main()

"""Authoring tools plugged into the command line: each module defines `register(subparsers, add_common)`.

They only parse arguments and format results; the logic lives in `game.engine` and `game.story`.
"""

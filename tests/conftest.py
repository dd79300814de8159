"""Test-wide setup: every test runs headless, silent, and with its own data folder."""

from __future__ import annotations

import os

# Before anything imports pygame: no window, no sound device needed.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

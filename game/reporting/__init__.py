"""The classroom's printed pages: a session report (HTML or Markdown) and what the teacher guide
shares with it (stylesheet, fact cards, scene labels).

It sits below the front ends: the ending screen writes a report with it, the `report` command
and the browser edition too. It uses the engine and the story, never pygame.
"""

from game.reporting.html import render_html
from game.reporting.markdown import render_markdown

__all__ = ["render_html", "render_markdown"]

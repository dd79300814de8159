"""Reading a story: the model, the YAML reader, the loader, the expression language, the checks.

Nothing in this package imports pygame.
"""

from game.story.expression_syntax import ExpressionError
from game.story.loader import (
    FORMAT_VERSION,
    default_story_dir,
    load_story,
    load_story_with_diagnostics,
)
from game.story.location import Diagnostic, SourceLocation, StoryError
from game.story.model import Choice, Ending, Fact, Person, Scene, Story

__all__ = [
    "FORMAT_VERSION",
    "Choice",
    "Diagnostic",
    "Ending",
    "ExpressionError",
    "Fact",
    "Person",
    "Scene",
    "SourceLocation",
    "Story",
    "StoryError",
    "default_story_dir",
    "load_story",
    "load_story_with_diagnostics",
]

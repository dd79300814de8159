"""'Did you mean …?' for misspelt names in stories, settings and the command line."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: object, options: Iterable[object], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' for the closest option, or '' if none is close enough."""
    import difflib  # only mistakes need it: kept off the start-up path

    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""

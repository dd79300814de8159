"""'Did you mean …?' for misspelt names in stories, settings and the command line, and the other
small words of messages (lists of names, counts)."""

from __future__ import annotations

from collections.abc import Iterable


def plural(count: int, word: str) -> str:
    """'1 scene', '2 scenes', '1,204 words'."""
    return f"{count:,} {word}{'s' * (count != 1)}"


def did_you_mean(word: object, options: Iterable[object], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' for the closest option, or '' if none is close enough."""
    import difflib  # only mistakes need it: kept off the start-up path

    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


def names_list(options: Iterable[object], limit: int = 12) -> str:
    """'a, b, c' (the first `limit` names, then how many more)."""
    names = [str(o) for o in options]
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def did_you_mean_or_list(word: object, groups: dict[str, Iterable[object]]) -> str:
    """' (did you mean 'x'?)' for the closest name of any group; when none is close, the names
    themselves, as in ' (resources: savings; flags: called, left)', so an author need not look
    them up. Empty groups are left out."""
    every = [name for names in groups.values() for name in names]
    close = did_you_mean(word, every)
    if close or not every:
        return close
    return " (" + "; ".join(f"{what}: {names_list(names)}" for what, names in groups.items() if names) + ")"

"""The values the YAML reader produces: mappings and sequences that remember where they came from.

Their own module, so that the reader (`yamlsource`) and the parse cache (`parsecache`), which both
make them, need not import each other.
"""

from __future__ import annotations

from typing import Any

from game.story.location import SourceLocation

__all__ = ["YList", "YMap"]


class YMap(dict[Any, Any]):
    """A mapping read from YAML, with the location of itself, its keys and its values."""

    loc: SourceLocation
    key_locs: dict[Any, SourceLocation]
    value_locs: dict[Any, SourceLocation]

    def key_loc(self, key: Any) -> SourceLocation:
        return self.key_locs.get(key, self.loc)

    def value_loc(self, key: Any) -> SourceLocation:
        return self.value_locs.get(key, self.loc)


class YList(list[Any]):
    """A sequence read from YAML, with the location of itself and of each item."""

    loc: SourceLocation
    item_locs: list[SourceLocation]

    def item_loc(self, index: int) -> SourceLocation:
        return self.item_locs[index] if 0 <= index < len(self.item_locs) else self.loc

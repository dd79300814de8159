"""The values the YAML reader produces: mappings and sequences that remember where they came from.

Their own module, so that the reader (`yamlsource`) and the parse cache (`parsecache`), which both
make them, need not import each other.

A story of 100,000 scenes holds a few million places (every key, value and item has one), and all
of its files are held at once while the loader's first pass collects the names. So a place is kept
as two numbers, line and column, in an array beside the values (the file's path once, in the
container's own `loc`), and becomes a `SourceLocation` only when one is asked for.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from game.story.location import SourceLocation

__all__ = ["YList", "YMap"]


def _places() -> array[int]:
    return array("I")  # unsigned: lines and columns are never negative, and fit 32 bits


def _numbers(places: Iterable[int]) -> array[int]:
    """Places given as numbers; ValueError unless each is a whole number from 0 to 2**32 - 1."""
    try:
        return array("I", places)
    except (TypeError, OverflowError) as exc:
        raise ValueError(f"not a place: {exc}") from None


class YMap(dict[Any, Any]):
    """A mapping read from YAML, with the location of itself, its keys and its values.

    Filled by `put`; `key_loc` and `value_loc` give a key's places (the mapping's own for a key
    it does not hold).
    """

    __slots__ = ("loc", "_places", "_index")

    def __init__(self, loc: SourceLocation) -> None:
        super().__init__()
        self.loc = loc
        self._places = _places()  # per key, in order: key line, key column, value line, value column
        self._index: dict[Any, int] | None = None  # key -> its number, made on the first lookup

    @classmethod
    def whole(cls, loc: SourceLocation, items: Iterable[tuple[Any, Any]], places: Iterable[int]) -> YMap:
        """A mapping made at once from its (key, value) pairs in order and their places as `put`
        keeps them (four numbers a key); ValueError if a key repeats or the places do not fit."""
        mapping = cls(loc)
        count = 0
        for key, value in items:
            mapping[key] = value
            count += 1
        mapping._places = _numbers(places)
        if len(mapping) != count or len(mapping._places) != 4 * count:
            raise ValueError("a key repeats, or the places do not fit the keys")
        return mapping

    def put(self, key: Any, key_loc: SourceLocation, value: Any, value_loc: SourceLocation) -> None:
        """Adds a key that is not there yet, with its value and both their places."""
        self[key] = value
        self._places.extend((key_loc.line, key_loc.column, value_loc.line, value_loc.column))
        self._index = None

    def _place(self, key: Any, offset: int) -> SourceLocation:
        if self._index is None:
            self._index = {k: n for n, k in enumerate(self)}
        number = self._index.get(key)
        if number is None:
            return self.loc
        at = 4 * number + offset
        return SourceLocation(self.loc.path, self._places[at], self._places[at + 1])

    def key_loc(self, key: Any) -> SourceLocation:
        return self._place(key, 0)

    def value_loc(self, key: Any) -> SourceLocation:
        return self._place(key, 2)

    def located_items(self) -> Iterator[tuple[Any, Any, tuple[int, int], tuple[int, int]]]:
        """(key, value, (key line, key column), (value line, value column)) in order."""
        places = self._places
        for number, (key, value) in enumerate(self.items()):
            at = 4 * number
            yield key, value, (places[at], places[at + 1]), (places[at + 2], places[at + 3])


class YList(list[Any]):
    """A sequence read from YAML, with the location of itself and of each item.

    Filled by `add`; `item_loc` gives an item's place (the sequence's own for an index it does
    not hold).
    """

    __slots__ = ("loc", "_places")

    def __init__(self, loc: SourceLocation) -> None:
        super().__init__()
        self.loc = loc
        self._places = _places()  # per item, in order: line, column

    @classmethod
    def whole(cls, loc: SourceLocation, items: Iterable[Any], places: Iterable[int]) -> YList:
        """A sequence made at once from its items and their places as `add` keeps them (two
        numbers an item); ValueError if the places do not fit."""
        sequence = cls(loc)
        sequence.extend(items)
        sequence._places = _numbers(places)
        if len(sequence._places) != 2 * len(sequence):
            raise ValueError("the places do not fit the items")
        return sequence

    def add(self, item: Any, loc: SourceLocation) -> None:
        self.append(item)
        self._places.extend((loc.line, loc.column))

    def item_loc(self, index: int) -> SourceLocation:
        if not 0 <= index < len(self._places) // 2:
            return self.loc
        return SourceLocation(self.loc.path, self._places[2 * index], self._places[2 * index + 1])

    def located_items(self) -> Iterator[tuple[Any, tuple[int, int]]]:
        """(item, (line, column)) in order."""
        places = self._places
        for number, item in enumerate(self):
            yield item, (places[2 * number], places[2 * number + 1])

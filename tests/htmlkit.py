"""Reading the HTML pages the game writes (reports, the teacher guide) in tests: tags, ids,
attributes and the text a reader sees."""

from __future__ import annotations

from html.parser import HTMLParser


class PageParts(HTMLParser):
    """A page's start tags, ids, attributes (as "name=value") and text, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.add(value)
            self.attrs.append(f"{name}={value}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def words(self) -> str:
        """The page's text with its whitespace folded to single spaces."""
        return " ".join(" ".join(self.text).split())


def parse_page(page: str) -> PageParts:
    parts = PageParts()
    parts.feed(page)
    parts.close()
    return parts

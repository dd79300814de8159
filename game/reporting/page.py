"""What the pages of the classroom share: the stylesheet, the embedded Chinese font, fact cards and
scene labels (the session report and the teacher guide both print them)."""

from __future__ import annotations

import base64
import html

from game.paths import shipped_dir
from game.story.model import Fact, Scene, Story

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4d9; --accent: #8e2c1f; }
* { box-sizing: border-box; }
body { font: 11pt/1.5 Georgia, "Times New Roman", "Story CJK", "Noto Serif CJK SC", "Source Han Serif SC",
       "Songti SC", SimSun, serif; color: var(--ink); margin: 0 auto;
       max-width: 48rem; padding: 1.5rem; background: #fff; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, "Story CJK", "Noto Sans CJK SC", "Source Han Sans SC",
              "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.25; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; color: var(--accent); }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta, .note, .source { color: var(--muted); font-size: .9rem; }
.decision { border: 1px solid var(--line); border-radius: 4px; padding: .35rem .7rem;
            margin: .4rem 0; }
.decision p { margin: .1rem 0; }
.where { color: var(--muted); font-size: .85rem; margin: 0 0 .2rem; }
.jump { font-weight: bold; color: var(--accent); border-top: 2px dashed var(--accent);
        border-bottom: 2px dashed var(--accent); padding: .3rem .5rem; margin: .6rem 0; }
.taken { font-weight: bold; }
.taken .note { font-weight: normal; }
.bar { display: flex; align-items: center; gap: .5rem; font-size: .9rem; line-height: 1.3;
       margin: .1rem 0; }
.bar .label { flex: 0 0 60%; }
.bar.chosen .label { font-weight: bold; }
.tick { color: var(--accent); }
.bar .track { flex: 1 1 auto; background: #eef0f2; height: .9rem; border: 1px solid var(--line);
              position: relative; }
.bar .fill { display: block; height: 100%; background: #9aa5b1; }
.bar.chosen .fill { background: var(--accent); }
.bar .count { flex: 0 0 4.5rem; text-align: right; font-variant-numeric: tabular-nums; }
.decision .classes { font-size: .85rem; color: var(--muted); margin-top: .2rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
         border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { width: 28%; }
figure { margin: .75rem 0; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: .9rem; font-weight: bold; }
figcaption .legend { font-weight: normal; }
figure .legend svg { width: 34px; height: 12px; }
.chart-note { color: var(--muted); font-size: .85rem; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; margin: .25rem 0; }
.legend svg { vertical-align: middle; }
.film { font-style: italic; color: var(--accent); margin: .35rem 0 0; }
.card { border-left: 4px solid var(--accent); padding: .25rem .75rem; margin: .75rem 0; }
.figure { font-size: 1.2rem; font-weight: bold; }
.shown { color: var(--muted); font-size: .85rem; margin: .1rem 0; }
ol li { margin: .35rem 0; }
@page { size: auto; margin: 16mm 14mm;
        @bottom-right { content: counter(page) " / " counter(pages); font: 8pt Arial, sans-serif;
                        color: #5f6368; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .decision, figure, .card, tr, li, .legend { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .card { margin: .45rem 0; padding: .1rem .75rem; }
  .card h3 { display: inline; margin: 0; }
  .card .figure { display: inline; font-size: 1.05rem; margin-left: .5rem; }
  .card .figure::before { content: "· "; color: var(--muted); }
  .card p { margin: .15rem 0; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; overflow-wrap: anywhere; }
}
"""
# The report's own print rules: a full session (some 50 decisions) fits on about ten pages.

CJK_FONT = shipped_dir("assets") / "fonts" / "NotoSerifCJKsc-Regular-subset.otf"


def font_css(*texts: str) -> str:
    """An @font-face rule that embeds the game's Chinese font subset (18 KB) when a text needs
    Chinese glyphs, so 归途列车 prints on a computer with no Chinese font and no network."""
    if not any("\u2e80" <= ch <= "\u9fff" for text in texts for ch in text):
        return ""
    try:
        data = base64.b64encode(CJK_FONT.read_bytes()).decode("ascii")
    except OSError:
        return ""  # the system's fonts, named in the CSS, still apply
    return (
        '@font-face { font-family: "Story CJK"; '
        f'src: url(data:font/otf;base64,{data}) format("opentype"); }}\n'
    )


def web_address(url: str | None) -> bool:
    """Whether `url` may become a link: http(s) only, and nothing that could end Markdown's <...>."""
    if not url:
        return False
    scheme, _, rest = url.partition("://")
    return (
        scheme.lower() in ("http", "https")
        and bool(rest)
        and not any(c.isspace() or c in "<>\"'`" or ord(c) < 32 for c in url)
    )


def esc(text: object) -> str:
    """Text made safe for HTML, quotes included."""
    return html.escape(str(text), quote=True)


def fact_card_html(fact: Fact, shown_in: str = "") -> str:
    """A fact card as HTML: title, figure, explanation, and its source (linked when it has a URL);
    `shown_in` says where the game shows it (for the teacher guide)."""
    source = esc(fact.source)
    if web_address(fact.url):
        source = f'<a href="{esc(fact.url)}">{source}</a>'
    elif fact.url:  # never a link: a story read without check could hold "javascript:..."
        source = f"{source} ({esc(fact.url)})"
    where = f'<p class="shown">Shown in: {esc(shown_in)}</p>' if shown_in else ""
    return (
        f'<div class="card"><h3>{esc(fact.title)}</h3><p class="figure">{esc(fact.figure)}</p>'
        f'<p>{esc(fact.text)}</p><p class="source">Source: {source}</p>{where}</div>'
    )


def distinct_facts(story: Story, fact_ids: list[str]) -> list[Fact]:
    """The facts named, in order, without unknown ids or a second card with the same title and
    figure (two scenes may carry the same fact under different ids)."""
    seen: set[tuple[str, str]] = set()
    result = []
    for fact_id in fact_ids:
        fact = story.facts.get(fact_id)
        if fact is not None and (fact.title, fact.figure) not in seen:
            seen.add((fact.title, fact.figure))
            result.append(fact)
    return result


def scene_label(scene: Scene, *, chapter: bool = False) -> str:
    """Where a scene happens, as "Grandma's kitchen, New Year 2006" (the chapter first if asked,
    and nothing repeated or empty)."""
    parts = [scene.chapter] if chapter else []
    for part in (scene.place, scene.when):
        if part and not any(part in p for p in parts):
            if parts and part.startswith(("The ", "A ")):  # "Guangzhou, the first spring"
                part = part[:1].lower() + part[1:]
            parts.append(part)
    return ", ".join(parts)

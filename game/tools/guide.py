"""`python main.py guide -o guide.html`: the teacher guide, generated from the story itself.

Synopsis, chapters with estimated timings, every discussion prompt, every fact card with its
source, the key decisions, the content note and the real family's story, so the guide can never
drift from the game. Timing method: the words a class reads aloud on a typical path through each
chapter (the median over seeded random playthroughs) at 150 words a minute, plus a fixed
discussion time for each prompt on that path.
"""

from __future__ import annotations

import argparse
import html
import statistics
from pathlib import Path
from typing import TextIO

from game.engine.explore import random_playthrough
from game.story.model import Story, paragraphs
from game.tools.report import CSS, fact_card_html

USAGE_ERROR = 2
WORDS_PER_MINUTE = 150
DISCUSSION_MINUTES = 4
SAMPLE_PLAYTHROUGHS = 60


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def chapter_timings(story: Story, runs: int = SAMPLE_PLAYTHROUGHS) -> dict[str, tuple[int, int, float]]:
    """Chapter -> (median words read, median prompts met, estimated minutes) on a typical path."""
    words: dict[str, list[int]] = {c: [] for c in story.chapters()}
    prompts: dict[str, list[int]] = {c: [] for c in story.chapters()}
    for seed in range(runs):
        played, session = random_playthrough(story, seed)
        per_words = dict.fromkeys(words, 0)
        per_prompts = dict.fromkeys(words, 0)
        for step in session.transcript:
            if step.chapter not in per_words:
                continue
            per_words[step.chapter] += sum(len(p.split()) for p in step.paragraphs)
            per_words[step.chapter] += len((step.choice_text or "").split())
            per_prompts[step.chapter] += bool(story.scenes[step.scene].discuss)
        for chapter in words:
            if per_words[chapter]:  # only paths that pass through the chapter
                words[chapter].append(per_words[chapter])
                prompts[chapter].append(per_prompts[chapter])
    result = {}
    for chapter in words:
        w = int(statistics.median(words[chapter])) if words[chapter] else 0
        p = int(round(statistics.median(prompts[chapter]))) if prompts[chapter] else 0
        result[chapter] = (w, p, w / WORDS_PER_MINUTE + p * DISCUSSION_MINUTES)
    return result


def _first_scene(story: Story, chapter: str):
    return next(s for s in story.scenes.values() if s.chapter == chapter)


def render_guide(story: Story, runs: int = SAMPLE_PLAYTHROUGHS) -> str:
    timings = chapter_timings(story, runs)
    chapters = story.chapters()
    out: list[str] = []
    add = out.append
    native = f" ({_e(story.title_native)})" if story.title_native else ""
    add(f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(story.title)}: teacher guide</title>\n<style>{CSS}</style>\n</head>\n<body>")
    version = f" · story version {_e(story.version)}" if story.version else ""
    add(f'<header id="top"><h1>{_e(story.title)}{native}: teacher guide</h1>'
        f'<p class="meta">Generated from the story files{version} · {len(story.scenes)} scenes · '
        f"{len(chapters)} chapters · {len(story.endings)} endings</p></header>")

    add('<section id="synopsis"><h2>Synopsis</h2>')
    add("<p>The class plays one family together: "
        + "; ".join(f"{_e(p.name)}, the {_e(p.role)}" for p in story.people.values())
        + ". Each chapter opens like this:</p><dl>")
    for chapter in chapters:
        scene = _first_scene(story, chapter)
        opening = paragraphs(scene.text.source)
        where = ", ".join(x for x in (scene.place, scene.when) if x)
        add(f"<dt><strong>{_e(chapter)}</strong> <span class='note'>{_e(where)}</span></dt>"
            f"<dd><p>{_e(opening[0] if opening else '')}</p></dd>")
    add("</dl></section>")

    add('<section id="content-note"><h2>Content note</h2>')
    for paragraph in paragraphs(story.content_note or "No content note is given."):
        add(f"<p>{_e(paragraph)}</p>")
    add("</section>")

    total = sum(t[2] for t in timings.values())
    add('<section id="chapters"><h2>Chapters and timings</h2>')
    add(f'<p class="note">Method: the words on a typical path through each chapter (the median of '
        f"{runs} seeded random playthroughs; a chapter some paths skip is measured on the paths "
        f"that pass through it), read aloud at {WORDS_PER_MINUTE} words a minute, plus "
        f"{DISCUSSION_MINUTES} minutes for each discussion prompt on that path. Votes and fact "
        "cards add a minute or two each. A 45-minute lesson covers two or three chapters; start "
        "any lesson at any chapter from the chapter select.</p>")
    add("<table><thead><tr><th>Chapter</th><td><strong>Words read</strong></td>"
        "<td><strong>Prompts</strong></td><td><strong>Minutes</strong></td></tr></thead><tbody>")
    for chapter in chapters:
        words, prompts, minutes = timings[chapter]
        add(f"<tr><th>{_e(chapter)}</th><td>{words:,}</td><td>{prompts}</td>"
            f"<td>about {max(1, round(minutes))}</td></tr>")
    add(f"<tr><th>Whole story (one path)</th><td></td><td></td><td>about {round(total)}</td></tr>")
    add("</tbody></table></section>")

    add('<section id="key-decisions"><h2>Key decisions</h2><p class="note">Scenes the story marks '
        "as turning points; the report compares the class's choice with the real family's.</p>")
    keys: dict[str, list] = {}
    for scene in story.scenes.values():
        if scene.key:
            keys.setdefault(scene.key, []).append(scene)
    for key, scenes in keys.items():
        add(f"<h3>{_e(key[:1].upper() + key[1:])}</h3><ul>")
        for scene in scenes:
            options = "; ".join(c.text for c in scene.choices if not c.is_continue)
            film = next((c.text for c in scene.choices if c.film), None)
            real = f' <em class="note">The real family: {_e(film)}.</em>' if film else ""
            add(f"<li><strong>{_e(scene.chapter)}</strong>, {_e(scene.place)} ({_e(scene.when)}): "
                f"{_e(options)}{real}</li>")
        add("</ul>")
    add("</section>")

    add('<section id="prompts"><h2>Discussion prompts by chapter</h2>')
    for chapter in chapters:
        found = [s for s in story.scenes.values() if s.chapter == chapter and s.discuss]
        if found:
            add(f"<h3>{_e(chapter)}</h3><ol>")
            add("".join(f"<li>{_e(s.discuss)} <span class='note'>({_e(s.place)}, {_e(s.when)})"
                        "</span></li>" for s in found))
            add("</ol>")
    add("</section>")

    add('<section id="facts"><h2>Fact cards</h2>')
    for fact in story.facts.values():
        add(fact_card_html(fact))
    add("</section>")

    add('<section id="real-family"><h2>The real family\'s story</h2><p class="note">The '
        "documentary notes in the story, in story order, then those of the endings.</p>")
    for scene in story.scenes.values():
        if scene.documentary:
            label = ", ".join(x for x in (scene.chapter, scene.when) if x)
            add(f"<h3>{_e(label)}</h3><p>{_e(scene.documentary)}</p>")
    for ending in story.endings:
        if ending.documentary:
            add(f"<h3>Ending: {_e(ending.title)}</h3><p>{_e(ending.documentary)}</p>")
    add("</section>\n</body>\n</html>\n")
    return "\n".join(out)


def register(subparsers, add_common) -> None:
    parser = subparsers.add_parser(
        "guide", help="write the teacher guide (HTML) generated from the story",
        description="Writes the teacher guide: synopsis, chapter timings, discussion prompts, "
                    "fact cards, key decisions, content note and the real family's story.")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html")
    parser.add_argument("--story", type=Path, metavar="DIR",
                        help="the story folder (default: the shipped story)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.cli import load_or_report
    from game.engine.atomic import write_atomic

    if args.output.suffix.lower() not in (".html", ".htm"):
        print(f"guide: name the output .html, not '{args.output.name}'", file=err)
        return USAGE_ERROR
    story = load_or_report(args.story, err)
    if story is None:
        return 1
    try:
        write_atomic(args.output, render_guide(story).encode("utf-8"))
    except OSError as exc:
        print(f"guide: cannot write {args.output}: {exc.strerror or exc}", file=err)
        return 1
    print(f"Wrote {args.output}", file=out)
    return 0

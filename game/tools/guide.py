"""`python main.py guide -o guide.html`: the teacher guide, generated from the story itself.

Synopsis, chapters with estimated timings, every discussion prompt, every fact card with its
source, the key decisions, the content note and the real family's story, so the guide can never
drift from the game. Timing method: the words a class reads aloud on a typical path through each
chapter (the median over seeded random playthroughs) at 150 words a minute, plus a fixed time
for each discussion prompt and each class vote on that path; whole paths are totalled per route
(the set of chapters a path passes through), never by adding up chapters no path visits together.
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.engine.explore import random_playthrough
from game.reporting.page import CSS, esc, fact_card_html, font_css, scene_label
from game.story.model import Story, paragraphs
from game.story.suggest import plural
from game.tools.lesson_plan import PLAN_CSS, render_plan

GUIDE_CSS = """
.options { margin: .15rem 0 .4rem; }
.real { color: var(--accent); font-style: normal; font-weight: bold; font-size: .9rem; }
.timings td { width: auto; }
.timings .total th, .timings .total td { border-top: 2px solid var(--ink); font-weight: bold; }
.openings dd { margin-left: 1rem; }
"""
USAGE_ERROR = 2
WORDS_PER_MINUTE = 150
DISCUSSION_MINUTES = 4
VOTE_MINUTES = 1
LESSON_MINUTES = 45
SAMPLE_PLAYTHROUGHS = 60


@dataclass
class _Path:
    """One sampled playthrough, chapter by chapter."""

    route: tuple[str, ...]
    words: dict[str, int]
    prompts: dict[str, int]
    choices: dict[str, int]
    key_votes: int = 0

    def reading(self) -> float:
        return sum(self.words.values()) / WORDS_PER_MINUTE

    def in_class(self) -> float:
        """Reading aloud, a discussion at every prompt and a vote at every choice."""
        return (
            self.reading()
            + DISCUSSION_MINUTES * sum(self.prompts.values())
            + VOTE_MINUTES * sum(self.choices.values())
        )


def _sample(story: Story, runs: int) -> list[_Path]:
    paths = []
    for seed in range(runs):
        _, session = random_playthrough(story, seed)
        route: dict[str, None] = {}
        words: dict[str, int] = {}
        prompts: dict[str, int] = {}
        choices: dict[str, int] = {}
        key_votes = 0
        for step in session.transcript:
            chapter = step.chapter
            if not chapter:
                continue
            route.setdefault(chapter, None)
            words[chapter] = (
                words.get(chapter, 0)
                + sum(len(p.split()) for p in step.paragraphs)
                + len((step.choice_text or "").split())
            )
            prompts[chapter] = prompts.get(chapter, 0) + bool(story.scenes[step.scene].discuss)
            real = step.choice_text is not None and not step.is_continue
            choices[chapter] = choices.get(chapter, 0) + real
            key_votes += real and bool(story.scenes[step.scene].key)
        paths.append(_Path(tuple(route), words, prompts, choices, key_votes))
    return paths


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0


def _chapter(paths: list[_Path], chapter: str) -> tuple[float, float, float, float]:
    """(share of paths through it, median words, prompts and votes on those paths)."""
    through = [p for p in paths if chapter in p.words]
    return (
        len(through) / max(1, len(paths)),
        _median([p.words[chapter] for p in through]),
        _median([p.prompts[chapter] for p in through]),
        _median([p.choices[chapter] for p in through]),
    )


def _first_scene(story: Story, chapter: str):
    return next(s for s in story.scenes.values() if s.chapter == chapter)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _lessons(minutes: float) -> int:
    return max(1, math.ceil(minutes / LESSON_MINUTES))


def _timing_section(story: Story, runs: int, add) -> None:
    paths = _sample(story, runs)
    chapters = story.chapters()
    add('<section id="chapters"><h2>Chapters and timings</h2>')
    add(
        f'<p class="note">Measured on {runs} seeded random playthroughs: the words a class reads '
        f"aloud on a typical path (the median), at {WORDS_PER_MINUTE} words a minute; "
        f"{DISCUSSION_MINUTES} minutes for each discussion prompt and {VOTE_MINUTES} for each "
        "class vote. A chapter that only some paths reach is measured on those paths. Any lesson "
        "can start at any chapter from the chapter select, and pauses and votes can be turned "
        "off or skipped.</p>"
    )
    add(
        '<table class="timings"><thead><tr><th>Chapter</th><td><strong>Reached by</strong></td>'
        "<td><strong>Words</strong></td><td><strong>Reading (min)</strong></td>"
        "<td><strong>Prompts · votes</strong></td><td><strong>In class (min)</strong></td>"
        "</tr></thead><tbody>"
    )
    for chapter in chapters:
        share, words, prompts, votes = _chapter(paths, chapter)
        reading = words / WORDS_PER_MINUTE
        in_class = reading + prompts * DISCUSSION_MINUTES + votes * VOTE_MINUTES
        reached = "every path" if share == 1 else f"{share:.0%} of paths"
        add(
            f"<tr><th>{esc(chapter)}</th><td>{reached}</td><td>{int(words):,}</td>"
            f"<td>about {max(1, round(reading))}</td><td>{round(prompts)} · {round(votes)}</td>"
            f"<td>about {max(1, round(in_class))}</td></tr>"
        )
    # Routes that differ only in order are the same lesson plan; group by the set of chapters.
    grouped: dict[frozenset[str], list[_Path]] = {}
    for path in paths:
        grouped.setdefault(frozenset(path.route), []).append(path)
    for members in sorted(grouped.values(), key=len, reverse=True):
        order = [c for c in chapters if c in members[0].words]
        reading = _median([p.reading() for p in members])
        in_class = _median([p.in_class() for p in members])
        skipped = [c for c in chapters if c not in members[0].words]
        if not skipped:
            label = f"A whole path through all {len(order)} chapters"
        elif len(order) <= 3 or len(skipped) > 2:
            label = "A whole path: " + " → ".join(order)
        else:
            label = f"A whole path through {len(order)} chapters, without " + " or ".join(
                f"‘{c}’" for c in skipped
            )
        add(
            f'<tr class="total"><th>{esc(label)}</th><td>{len(members)} of {len(paths)} paths</td>'
            f"<td>{int(_median([sum(p.words.values()) for p in members])):,}</td>"
            f"<td>about {round(reading)}</td><td></td><td>about {round(in_class)}</td></tr>"
        )
    add("</tbody></table>")
    main = max(grouped.values(), key=len)
    reading = _median([p.reading() + VOTE_MINUTES * p.key_votes for p in main])
    in_class = _median([p.in_class() for p in main])
    add(
        f"<p>Planning: on the most common route, reading aloud with a vote only at the key "
        f"decisions takes about {plural(_lessons(reading), 'lesson')} of {LESSON_MINUTES} minutes; "
        f"with every discussion prompt and every vote, about {_lessons(in_class)} lessons, about "
        f"{round(in_class / max(1, len(main[0].route)))} minutes a chapter. For a single lesson, "
        "play one or two chapters in class (the chapter select starts anywhere) and set the rest "
        "as reading, or turn pauses off and vote only where the story marks a key decision.</p>"
    )
    add("</section>")


def render_guide(story: Story, runs: int = SAMPLE_PLAYTHROUGHS) -> str:
    """The teacher guide as one HTML page: synopsis, content note, lesson plan, timing, key
    decisions, discussion prompts, fact cards and the real family's story."""
    out: list[str] = []
    add = out.append
    _head(story, add)
    _synopsis_section(story, add)
    _content_note_section(story, add)
    if story.lessons:
        render_plan(story, add)
    _timing_section(story, runs, add)
    _key_decisions_section(story, add)
    _prompts_section(story, add)
    _facts_section(story, add)
    _real_family_section(story, add)
    add("</body>\n</html>\n")
    return "\n".join(out)


def _head(story: Story, add: Callable[[str], None]) -> None:
    """The page's head, styles and header line."""
    chapters = story.chapters()
    native = f" ({esc(story.title_native)})" if story.title_native else ""
    add(
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(story.title)}: teacher guide</title>\n"
        f"<style>{font_css(story.title_native)}{CSS}{GUIDE_CSS}{PLAN_CSS}</style>\n"
        "</head>\n<body>"
    )
    version = f" · story version {esc(story.version)}" if story.version else ""
    add(
        f'<header id="top"><h1>{esc(story.title)}{native}: teacher guide</h1>'
        f'<p class="meta">Generated from the story files{version} · {len(story.scenes)} scenes · '
        f"{len(chapters)} chapters · {len(story.endings)} endings</p></header>"
    )


def _synopsis_section(story: Story, add: Callable[[str], None]) -> None:
    """The synopsis, the family the class plays, and how each chapter opens."""
    chapters = story.chapters()
    add('<section id="synopsis"><h2>Synopsis</h2>')
    for paragraph in paragraphs(story.synopsis):
        add(f"<p>{esc(paragraph)}</p>")
    add(
        "<p><strong>The family the class plays:</strong> "
        + "; ".join(f"{esc(p.name)}, the {esc(p.role)}" for p in story.people.values())
        + ".</p>"
    )
    add('<h3>How each chapter opens</h3><dl class="openings">')
    for chapter in chapters:
        scene = _first_scene(story, chapter)
        opening = paragraphs(scene.text.source)
        add(
            f"<dt><strong>{esc(chapter)}</strong> <span class='note'>{esc(scene_label(scene))}"
            f"</span></dt><dd><p>{esc(opening[0] if opening else '')}</p></dd>"
        )
    add("</dl></section>")


def _content_note_section(story: Story, add: Callable[[str], None]) -> None:
    """The story's content note."""
    add('<section id="content-note"><h2>Content note</h2>')
    for paragraph in paragraphs(story.content_note or "No content note is given."):
        add(f"<p>{esc(paragraph)}</p>")
    add(
        '<p class="note">Classroom mode shows this note full-screen as a class begins, and each '
        "note for the teacher below before its scene.</p>"
    )
    for scene in (s for s in story.scenes.values() if s.teacher_note):
        add(f"<h3>For the teacher, before {esc(scene_label(scene, chapter=True))}</h3>")
        add("".join(f"<p>{esc(paragraph)}</p>" for paragraph in paragraphs(scene.teacher_note or "")))
    add("</section>")


def _key_decisions_section(story: Story, add: Callable[[str], None]) -> None:
    """The turning points with their options, the real family's marked."""
    add(
        '<section id="key-decisions"><h2>Key decisions</h2><p class="note">Scenes the story marks '
        "as turning points, with their options; ◆ marks what the real family did. The report "
        "compares the class's choice with the real family's.</p>"
    )
    keys: dict[str, list] = {}
    for scene in story.scenes.values():
        if scene.key:
            keys.setdefault(scene.key, []).append(scene)
    for key, scenes in keys.items():
        add(f"<h3>{esc(key[:1].upper() + key[1:])}</h3><ul>")
        for scene in scenes:
            options = []
            for choice in scene.choices:
                if choice.is_continue:
                    continue
                real = ' <em class="real">◆ the real family</em>' if choice.film else ""
                options.append(f"<li>{esc(_flat(choice.text))}{real}</li>")
            add(
                f"<li><strong>{esc(scene_label(scene, chapter=True))}</strong>"
                f'<ul class="options">{"".join(options)}</ul></li>'
            )
        add("</ul>")
    add("</section>")


def _prompts_section(story: Story, add: Callable[[str], None]) -> None:
    """The discussion prompts, chapter by chapter."""
    chapters = story.chapters()
    add('<section id="prompts"><h2>Discussion prompts by chapter</h2>')
    for chapter in chapters:
        found = [s for s in story.scenes.values() if s.chapter == chapter and s.discuss]
        if found:
            add(f"<h3>{esc(chapter)}</h3><ol>")
            add(
                "".join(
                    f"<li>{esc(s.discuss)} <span class='note'>({esc(scene_label(s))})</span></li>"
                    for s in found
                )
            )
            add("</ol>")
    add("</section>")


def _facts_section(story: Story, add: Callable[[str], None]) -> None:
    """Every fact card, with the scenes that show it."""
    add('<section id="facts"><h2>Fact cards</h2>')
    shown: dict[str, list[str]] = {}
    for scene in story.scenes.values():
        if scene.fact:
            where = f"{scene.chapter} — {scene.place}" if scene.place else scene.chapter
            if where not in shown.setdefault(scene.fact, []):
                shown[scene.fact].append(where)
    for fact_id, fact in story.facts.items():
        add(fact_card_html(fact, "; ".join(shown.get(fact_id, ())) or "no scene (menu only)"))
    add("</section>")


def _real_family_section(story: Story, add: Callable[[str], None]) -> None:
    """The documentary notes of the scenes, then of the endings."""
    add(
        '<section id="real-family"><h2>The real family\'s story</h2><p class="note">The '
        "documentary notes in the story, in story order, then those of the endings.</p>"
    )
    for scene in story.scenes.values():
        if scene.documentary:
            where = scene_label(scene, chapter=True)
            label = f"Key decision: {scene.key} — {where}" if scene.key else where
            add(f"<h3>{esc(label)}</h3><p>{esc(scene.documentary)}</p>")
    for ending in story.endings:
        if ending.documentary:
            add(f"<h3>Ending: {esc(ending.title)}</h3><p>{esc(ending.documentary)}</p>")
    add("</section>")


def register(subparsers, add_common) -> None:
    parser = subparsers.add_parser(
        "guide",
        help="write the teacher guide (HTML) generated from the story",
        description="Writes the teacher guide: synopsis, chapter timings, discussion prompts, "
        "fact cards, key decisions, content note and the real family's story.",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html")
    parser.add_argument(
        "--story", type=Path, metavar="DIR", help="the story folder (default: the shipped story)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.atomic import write_atomic
    from game.launch import load_or_report

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

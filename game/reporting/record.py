"""A session record read for its report: the class's decisions chapter by chapter with their votes,
how other classes decided, what the real family did, the documentary notes, and the questions."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.classstats import ClassStats
from game.engine.record import Decision, SessionRecord
from game.reporting.page import scene_label
from game.story.model import Story

GENERAL_QUESTIONS = (
    "Which decision was the hardest for your class, and why was the vote close or not?",
    "Pick one family member. What did they gain and what did they lose because of the choices made?",
    "Which choices did the family really have, and which were made for them by money, distance "
    "or the rules of the household register?",
    "What did the real Zhang family do differently from your class? What might explain it?",
)


@dataclass(frozen=True)
class Option:
    """One option of a decision as the report shows it: text, votes, taken or not."""

    text: str
    votes: int | None
    chosen: bool


def short_label(text: str, names: frozenset[str] = frozenset(), limit: int = 40, whole: bool = False) -> str:
    """An option's first clause, cut at a word: "Rent a room in the lanes" for the stats line.

    A first clause of fewer than three words says too little and is kept with the rest; `whole`
    keeps the whole text (still cut at `limit`), for options whose first clauses are the same.
    """
    text = " ".join(text.split())
    for mark in () if whole else (" — ", " – ", ": ", "; ", ". ", ", "):
        head = text.split(mark, 1)[0]
        if 0 < len(head) < len(text):
            if len(head.split()) >= 3:
                text = head
            break
    text = text.rstrip(".!?,;:")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(".,;:—–-") + "…"
    first = text.split(" ", 1)[0].strip("'’s,")
    keep = first in names or first == "I" or not text[1:2].islower()
    return text if keep else text[:1].lower() + text[1:]


def option_ids(decision: Decision) -> list[str]:
    ids = list(decision.tally) if decision.tally else [decision.choice]
    if decision.choice not in ids:
        ids.append(decision.choice)
    return ids


def option_text(story: Story, decision: Decision, cid: str) -> str:
    """An option's words: from the story, or as recorded if the story has lost that choice."""
    choice = story.choice(cid)
    return choice.text if choice else (decision.text if cid == decision.choice else cid)


def options(story: Story, decision: Decision) -> list[Option]:
    return [
        Option(
            option_text(story, decision, cid),
            decision.tally.get(cid, 0) if decision.tally else None,
            cid == decision.choice,
        )
        for cid in option_ids(decision)
    ]


def others_line(story: Story, decision: Decision, stats: ClassStats | None) -> str | None:
    """One line for how other classes decided here: "62% rent a room, 38% take the bunk (13 classes)".

    Every option the scene offers that some class took, most taken first (options nobody took are
    left out); None without statistics or when no class on record reached this decision.
    """
    if stats is None:
        return None
    scene = story.scenes.get(decision.scene)
    ids = [c.full_id for c in scene.choices if not c.is_continue] if scene else []
    ids += [cid for cid in option_ids(decision) if cid not in ids]
    shares = [(stats.share(cid, story.title), cid) for cid in ids]
    reached = max((share.reached for share, _ in shares), default=0)
    if not reached:
        return None
    names = frozenset(w for p in story.people.values() for w in (p.short, *p.name.split()))
    taken = [
        (share, option_text(story, decision, cid))
        for share, cid in sorted(shares, key=lambda item: -item[0].taken)
        if share.taken
    ]
    labels = [short_label(text, names) for _, text in taken]
    for limit in (40, 60, 90):  # options whose short labels are the same are told apart
        clash = {label for label in labels if labels.count(label) > 1}
        if not clash:
            break
        labels = [
            short_label(text, names, limit, whole=True) if label in clash else label
            for label, (_, text) in zip(labels, taken, strict=True)
        ]
    parts = [f"{share.percent:.0f}% {label}" for (share, _), label in zip(taken, labels, strict=True)]
    plural = "es" if reached != 1 else ""
    return f"{', '.join(parts)} ({reached} class{plural})"


def film_note(story: Story, decision: Decision) -> str | None:
    """What the real family chose at this decision, if the story marks it (`film: true`)."""
    scene = story.scenes.get(decision.scene)
    marked = [c for c in scene.choices if c.film] if scene else []
    if not marked:
        return None
    if any(c.full_id == decision.choice for c in marked):
        return "The real family made the same choice."
    return f"In the film, the real family chose: {marked[0].text}."


def is_real(story: Story, decision: Decision) -> bool:
    """A decision the class made (not a "Continue", not the road a lesson took between parts)."""
    if decision.by_lesson:
        return False
    choice = story.choice(decision.choice)
    if choice is not None and choice.is_continue:
        return False
    scene = story.scenes.get(decision.scene)
    return scene is None or sum(1 for c in scene.choices if not c.is_continue) > 1 or bool(decision.tally)


def chapters(story: Story, record: SessionRecord) -> list[tuple[str, list[Decision]]]:
    groups: list[tuple[str, list[Decision]]] = []
    for decision in record.decisions:
        if not is_real(story, decision):
            continue
        if not groups or groups[-1][0] != decision.chapter:
            groups.append((decision.chapter, []))
        groups[-1][1].append(decision)
    return groups


def after_jumps(story: Story, record: SessionRecord) -> tuple[set[int], bool]:
    """Where the class loaded another playthrough's save: the decisions (by id()) that come first
    after each load, and whether a load came after the last decision shown."""
    marked: set[int] = set()
    trailing = False
    for jump in record.jumps:
        first = next((d for d in record.decisions[jump:] if is_real(story, d)), None)
        if first is None:
            trailing = True
        else:
            marked.add(id(first))
    return marked, trailing


JUMP_NOTE = (
    "Here the class loaded a save from another playthrough: the path goes on from "
    "that save, not from the decision above."
)
JUMP_NOTE_LAST = (
    "After the last decision above, the class loaded a save from another playthrough: "
    "the ending below follows from that save."
)


def counts(record: SessionRecord, chapters: list[tuple[str, list[Decision]]]) -> str:
    """ "7 chapters · 49 decisions, 49 put to a vote · 146 min of play" for a report's header."""
    voted = sum(1 for d in record.decisions if d.tally)
    seconds = sum(d.seconds for d in record.decisions)
    return (
        f"{len(chapters)} chapters · {sum(len(ds) for _, ds in chapters)} decisions, "
        f"{voted} put to a vote" + (f" · {minutes(seconds)} of play" if seconds else "")
    )


def minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes else f"{round(seconds)} s"


def documentary(story: Story, record: SessionRecord) -> list[tuple[str, str]]:
    """(heading, note) for the ending and for the scenes on the path that have a note."""
    notes = []
    ending = next((e for e in story.endings if e.id == record.ending), None)
    if ending is not None and ending.documentary:
        notes.append((f"Your ending: {ending.title}", ending.documentary))
    for scene_id in record.scenes_visited():
        scene = story.scenes.get(scene_id)
        if scene is not None and scene.documentary:
            where = scene_label(scene) or scene.chapter
            notes.append((f"Key decision: {scene.key} — {where}" if scene.key else where, scene.documentary))
    return notes


HOMEWORK_FROM_PATH = 8


def path_prompts(story: Story, record: SessionRecord) -> list[tuple[str, bool, bool]]:
    """(prompt, discussed in class, at a key decision) for every prompt on the path, in order."""
    found: list[tuple[str, bool, bool]] = []
    for scene_id in record.scenes_visited():
        scene = story.scenes.get(scene_id)
        if scene is not None and scene.discuss and all(scene.discuss != p for p, _, _ in found):
            found.append((scene.discuss, scene_id in record.prompts_shown, bool(scene.key)))
    return found


def questions(story: Story, record: SessionRecord) -> list[str]:
    """The general questions first, then up to HOMEWORK_FROM_PATH prompts from the path that the
    class did not discuss in the lesson (those at key decisions first), in story order."""
    open_prompts = [(p, key) for p, discussed, key in path_prompts(story, record) if not discussed]
    ranked = [p for p, key in open_prompts if key] + [p for p, key in open_prompts if not key]
    chosen = set(ranked[:HOMEWORK_FROM_PATH])
    return list(GENERAL_QUESTIONS) + [p for p, _ in open_prompts if p in chosen]


def discussed(story: Story, record: SessionRecord) -> list[str]:
    return [p for p, discussed, _ in path_prompts(story, record) if discussed]


def without_self(record: SessionRecord, stats: ClassStats | None) -> ClassStats | None:
    """The statistics without this session: a class is never compared with itself."""
    if stats is None or record.id not in stats.sessions:
        return stats
    return ClassStats({sid: s for sid, s in stats.sessions.items() if sid != record.id})


def after_roads(record: SessionRecord) -> set[int]:
    """The class decisions (by id()) that come first after a lesson moved on along the film's road."""
    marked: set[int] = set()
    moved = False
    for decision in record.decisions:
        if decision.by_lesson:
            moved = True
        elif moved:
            marked.add(id(decision))
            moved = False
    return marked


ROAD_NOTE = (
    "Here the lesson moved on to its next part: the decisions in between were taken by "
    "the lesson (the real family's where the story marks them), not by the class."
)

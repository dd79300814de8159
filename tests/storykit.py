"""Small stories written inside tests: a manifest plus scene files in a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

MANIFEST = """\
format: 1
title: Test Story
version: "1"
start: {start}
people:
  suqin: {{name: Chen Suqin, short: Suqin, role: mother}}
  qin: {{name: Zhang Qin, short: Qin, role: daughter}}
stats:
  hope: {{label: Hope, min: 0, max: 10, start: 5, rise: finds hope, fall: loses hope}}
resources:
  savings: {{label: Savings, start: 100, min: 0, unit: yuan, rise: savings grow, fall: savings shrink}}
flags:
  called: {{label: Suqin called home}}
"""

# The one ending of the window tests' little stories, which are about what comes before it.
ONE_ENDING = """\
endings:
  - id: done
    title: Done
    text: The end.
    epilogue:
      suqin: She sleeps.
      qin: She waits.
"""


def write_story(
    root: Path,
    scenes: str,
    start: str = "a",
    manifest_extra: str = "",
    extra_files: dict[str, str] | None = None,
) -> Path:
    """Writes story.yaml and 01_scenes.yaml (and any extra files) under `root`; returns root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.yaml").write_text(MANIFEST.format(start=start) + manifest_extra, encoding="utf-8")
    (root / "01_scenes.yaml").write_text(textwrap.dedent(scenes), encoding="utf-8")
    for name, text in (extra_files or {}).items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


# A valid little story used as the base of many tests: a choice, a locked choice, an ending.
BASE = """\
scenes:
  a:
    chapter: One
    place: Dorm
    when: Spring 2006
    pov: suqin
    text: You hold a phone card.
    choices:
      - id: call
        text: Call home
        effects: [savings -= 20, called = true, qin.hope += 1]
        says: Qin hears your voice.
        goto: b
      - id: rest
        text: Sleep
        effects: [suqin.hope -= 1]
        goto: b
      - id: rich
        text: Call every night
        if: savings >= 500
        locked: Needs 500 yuan
        goto: b
  b:
    text: The lights go out.
    variants:
      - if: called and qin.hope >= 6
        text: Qin sounded happy.
    end: true
endings:
  - id: heard
    title: Heard
    if: called
    text: A call was made.
    epilogue:
      suqin: She keeps the card.
      qin: She writes back.
  - id: quiet
    title: Quiet
    text: No call.
    epilogue:
      suqin: She sleeps.
      qin:
        - if: qin.hope < 5
          text: She stops waiting.
        - text: She waits.
"""

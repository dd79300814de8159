"""The command line where its output goes nowhere, and arguments that cannot be used.

- A reader that went away (`| head -1`), a full device or a closed stdout: no traceback; a full
  device is said on stderr.
- A bad `--start`, `--set` or `--screenshots` ends every front end with status 2 before any
  window opens; `--set` takes ASCII whole numbers and the story's bounds; `--window` is bounded.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import cli
from game.engine import Session, SetError
from game.story import load_story
from tests.storykit import BASE, write_story

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "example"
posix = pytest.mark.skipif(os.name == "nt", reason="POSIX pipes and devices")


def run_with_stdout(args: list[str], stdout) -> subprocess.CompletedProcess:  # noqa: ANN001
    return subprocess.run(
        [sys.executable, "main.py", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
    )


@posix
@pytest.mark.parametrize("command", [["check", str(EXAMPLE)], ["explore", "--story", str(EXAMPLE)]])
def test_a_reader_that_went_away_ends_the_command_quietly(command: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # as `| head -1` does once it has its line
    try:
        result = run_with_stdout(command, write)
    finally:
        os.close(write)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.returncode == 1, result.stderr


@posix
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device_is_said_without_a_traceback() -> None:
    with open("/dev/full", "w") as full:
        result = run_with_stdout(["check", str(EXAMPLE)], full)
    assert result.returncode == 1
    assert "cannot write the output: No space left on device" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@posix
def test_a_closed_stdout_is_no_traceback() -> None:
    result = subprocess.run(
        f"'{sys.executable}' main.py check '{EXAMPLE}' >&-",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr


def status_of(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    status = cli.main(list(args), out=io.StringIO(), err=err)
    return status, err.getvalue()


@pytest.mark.parametrize("front", [["play", "--autoplay"], ["play"], ["play", "--text"]])
@pytest.mark.parametrize(
    "bad",
    [["--start", "nowhere"], ["--set", "savings=lots"], ["--set", "savings=٣"], ["--set", "nobody.hope=3"]],
)
def test_a_bad_start_or_setting_ends_every_front_end_with_status_2(
    front: list[str], bad: list[str], data_dir: Path
) -> None:
    status, err = status_of(*front, "--story", str(EXAMPLE), *bad)
    assert status == 2 and err.startswith("last-train-home: "), err


@pytest.mark.parametrize("where", ["file", "missing/deep", "read-only"])
def test_screenshots_somewhere_they_cannot_go_is_a_usage_error(
    tmp_path: Path, where: str, data_dir: Path
) -> None:
    target = tmp_path / where
    if where == "file":
        target.write_text("not a folder")
    if where == "missing/deep":
        (tmp_path / "missing").write_text("a file where a folder should be")
    if where == "read-only":
        if os.name == "nt" or os.geteuid() == 0:
            pytest.skip("permissions do not apply (root or Windows)")
        target.mkdir()
        target.chmod(0o500)
    status, err = status_of("play", "--autoplay", "--story", str(EXAMPLE), "--screenshots", str(target))
    assert status == 2 and "cannot save screenshots in" in err


def test_a_huge_window_is_refused(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["play", "--window", "100000x100000"])
    assert status == 2 and "at most" in capsys.readouterr().err


def test_set_takes_ascii_whole_numbers_within_the_story_bounds(tmp_path: Path) -> None:
    story = load_story(write_story(tmp_path / "story", BASE), check_assets=False)
    session = Session(story, sets={"savings": "-5000", "qin.hope": "99"})
    assert session.state.resources["savings"] == 0  # savings: min 0
    assert session.state.stats["qin"]["hope"] == 10
    assert Session(story, sets={"savings": "1,500"}).state.resources["savings"] == 1500
    for raw in ("٣", "²", "1e3", "9" * 4301, "0x10", " "):
        with pytest.raises(SetError):
            Session(story, sets={"savings": raw})

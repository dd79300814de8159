"""The browser edition in headless Chromium: page load to the title, to the first scene's text and
to the engine ready (choices open), a choice's round trip, and the exported site's size.

Exports the shipped story, serves it on localhost and opens it in Debian's chromium (Playwright
with executable_path, flags that keep it off the network). Each first visit is a fresh browser
context (empty storage and an empty HTTP and compiled-code cache, as a new computer); each is
followed by a return visit in the same context (the page loaded again: the browser's caches
warm, as for a class that opens the page again). The first scene's text shows from the exported
start.json before Python has started (the engine made it at export); its choices open when the
engine is ready. A choice's round trip is from the click to the next scene drawn (engine choose +
view + autosave + render, one animation frame), with instant text.

The machine is shared, so beside the wall-clock figures the script prints the CPU time the
browser's own processes spent on each load (read from /proc): a figure that does not grow when
other programs hold the cores.

Prints: RESULT web_first_scene_s <median s> s <=5 (first visits), web_first_scene_cpu_s (the
browser's CPU time to the engine ready, first visits), web_engine_ready_s (first visits) and
web_engine_ready_return_s, RESULT web_choice_ms <median ms> ms <=50, RESULT
web_site_mb <MB> MB <=30 (about 23 MB today, 14 MB of it Pyodide), and the raw timings.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOADS = int(os.environ.get("WEB_BENCH_LOADS", "5"))
TICKS = os.sysconf("SC_CLK_TCK")


def _profiles() -> dict[str, list[int]]:
    """Chromium processes by the profile folder Playwright gave their browser."""
    found: dict[str, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        for word in words:
            if word.startswith(b"--user-data-dir=") and b"playwright" in word:
                found.setdefault(word.decode(errors="replace"), []).append(int(entry.name))
    return found


def _family(roots: list[int]) -> list[int]:
    """The processes and all their descendants (Chromium's renderers hang under its zygote)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            except OSError:
                continue
    found = set(roots)
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in found and pid not in found:
                found.add(pid)
                grew = True
    return sorted(found)


def _cpu_seconds(pids: list[int]) -> float:
    """CPU time of these processes, their reaped children's included."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    return total / TICKS


CHOICES = 40
ROUND_TRIP = """async () => {
  const times = [];
  for (let i = 0; i < %d; i++) {
    if (window.lth.view().scene.is_over) break;
    const button = document.querySelector('#choices button:not(:disabled)');
    const t0 = performance.now();
    button.click();
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push(performance.now() - t0);
    const ok = document.querySelector('#outcome[open] #btn-outcome-ok');
    if (ok) ok.click();
  }
  return times;
}"""


def _times(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def main() -> int:
    import io

    from playwright.sync_api import sync_playwright

    from game.tools import webexport
    from game.tools.webserve import serve_in_background
    from tests.browserkit import CHROMIUM, CHROMIUM_ARGS, INSTANT

    site = Path(tempfile.mkdtemp(prefix="lth-web-bench-")) / "site"
    webexport.export(ROOT / "story", site, io.StringIO())
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    runtime = sum(p.stat().st_size for p in (site / "pyodide").iterdir())
    assets = sum(p.stat().st_size for p in (site / "assets").rglob("*") if p.is_file())
    server, url = serve_in_background(site)
    first: dict[str, list] = {"title": [], "scene": [], "ready": [], "cpu": [], "marks": []}
    again: dict[str, list] = {"title": [], "scene": [], "ready": [], "cpu": [], "marks": []}
    choices: list[float] = []
    with sync_playwright() as playwright:
        before = set(_profiles())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ours = [key for key in _profiles() if key not in before]
        for _ in range(LOADS):
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            context.add_init_script(
                f"if (!localStorage.getItem('lth.settings')) "
                f"localStorage.setItem('lth.settings', '{json.dumps(INSTANT)}')"
            )
            page = context.new_page()
            page.set_default_timeout(180_000)  # a loaded machine: clicks wait for the page's thread
            for visit in (first, again):
                pids = _family([pid for key in ours for pid in _profiles().get(key, [])])
                cpu_before = _cpu_seconds(pids)
                started = time.perf_counter()
                page.goto(url)
                page.wait_for_function("window.lth && window.lth.shown === true", timeout=180_000)
                visit["title"].append(time.perf_counter() - started)
                page.click("#btn-new")
                page.keyboard.press("Space")
                page.wait_for_selector("#scene-text p")
                visit["scene"].append(time.perf_counter() - started)
                page.wait_for_selector("#choices button:not(:disabled)", timeout=180_000)
                visit["ready"].append(time.perf_counter() - started)
                pids = _family([pid for key in ours for pid in _profiles().get(key, [])])
                visit["cpu"].append(_cpu_seconds(pids) - cpu_before)
                visit["marks"].append(
                    page.evaluate(
                        "['lth-title', 'lth-runtime', 'lth-story'].map("
                        "(m) => performance.getEntriesByName(m)[0].startTime / 1000)"
                    )
                )
            choices += page.evaluate(ROUND_TRIP % CHOICES)
            context.close()
        browser.close()
    server.shutdown()
    print(
        f"site: {len(files)} files, {total / 1e6:.1f} MB (Pyodide {runtime / 1e6:.1f} MB, "
        f"assets {assets / 1e6:.1f} MB)"
    )
    for name, visit in (("first visit", first), ("return visit", again)):
        print(f"{name}: title shown, s:", _times(visit["title"]))
        print(
            f"{name}:   the page's own mark of the title going up, s:", _times([m[0] for m in visit["marks"]])
        )
        print(f"{name}: first scene text, s:", _times(visit["scene"]))
        print(f"{name}: engine ready (choices open), s:", _times(visit["ready"]))
        print(
            f"{name}:   of which Python started and files fetched, s:", _times([m[1] for m in visit["marks"]])
        )
        print(
            f"{name}:   of which the engine loading the story, s:",
            _times([m[2] - m[1] for m in visit["marks"]]),
        )
        print(f"{name}: browser CPU time to the engine ready, s:", _times(visit["cpu"]))
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(
        f"choice round trip, ms: median {statistics.median(choices):.1f}, "
        f"max {max(choices):.1f}, n={len(choices)}"
    )
    print(f"RESULT web_first_scene_s {statistics.median(first['scene']):.2f} s <=5")
    print(f"RESULT web_first_scene_cpu_s {statistics.median(first['cpu']):.2f} s <=10")
    print(f"RESULT web_engine_ready_s {statistics.median(first['ready']):.2f} s <=10")
    print(f"RESULT web_engine_ready_return_s {statistics.median(again['ready']):.2f} s <=10")
    print(f"RESULT web_choice_ms {statistics.median(choices):.1f} ms <=50")
    print(f"RESULT web_site_mb {total / 1e6:.1f} MB <=30")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The browser edition in headless Chromium: page load to the first scene's text, a choice's round
trip, and the exported site's size.

Exports the shipped story, serves it on localhost and opens it in Debian's chromium (Playwright
with executable_path, flags that keep it off the network). Each load is a fresh browser context
(empty storage, but the browser's HTTP and compiled-code caches are shared, as for a class that
opens the page again). A choice's round trip is from the click to the next scene drawn (engine
choose + view + autosave + render, one animation frame), with instant text.

Prints: RESULT web_first_scene_s <median s> s <=5, RESULT web_choice_ms <median ms> ms <=50,
RESULT web_site_mb <MB> MB -, and the raw timings.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOADS = 5
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
    loads, ready, choices, marks = [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(LOADS):
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            context.add_init_script(f"localStorage.setItem('lth.settings', '{json.dumps(INSTANT)}')")
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_function("window.lth && window.lth.ready === true", timeout=180_000)
            ready.append(time.perf_counter() - started)
            marks.append(page.evaluate("['lth-runtime', 'lth-story'].map("
                                       "(m) => performance.getEntriesByName(m)[0].startTime / 1000)"))
            page.click("#btn-new")
            page.keyboard.press("Space")
            page.wait_for_selector("#scene-text p")
            loads.append(time.perf_counter() - started)
            choices += page.evaluate(ROUND_TRIP % CHOICES)
            context.close()
        browser.close()
    server.shutdown()
    print(f"site: {len(files)} files, {total / 1e6:.1f} MB (Pyodide {runtime / 1e6:.1f} MB, "
          f"assets {assets / 1e6:.1f} MB)")
    print("page ready (title shown), s:", " ".join(f"{t:.2f}" for t in ready))
    print("of which Pyodide started and files fetched, s:", " ".join(f"{m[0]:.2f}" for m in marks))
    print("of which the engine loading the story, s:", " ".join(f"{m[1] - m[0]:.2f}" for m in marks))
    print("first scene text, s:", " ".join(f"{t:.2f}" for t in loads))
    print(f"choice round trip, ms: median {statistics.median(choices):.1f}, "
          f"max {max(choices):.1f}, n={len(choices)}")
    print(f"RESULT web_first_scene_s {statistics.median(loads):.2f} s <=5")
    print(f"RESULT web_choice_ms {statistics.median(choices):.1f} ms <=50")
    print(f"RESULT web_site_mb {total / 1e6:.1f} MB -")
    return 0


if __name__ == "__main__":
    sys.exit(main())

// The browser edition's engine: game/story and game/engine under Pyodide, in a Web Worker so that
// the page's own thread stays free to draw and answer the player while Python starts (several
// seconds of WebAssembly compilation and Python start-up on a slow computer). The page sends
// {id, method, arg} and gets back {id, result} or {id, error}; methods: "boot" (waits for the
// engine, returns the story's fingerprint and when each step ended), "act" (a view-model action
// as JSON text, game.engine.viewmodel.Player.act_json), "state" and "report".
import { loadPyodide } from "./pyodide/pyodide.mjs";

const BOOT = `
import json, sys
sys.path.insert(0, "/home/pyodide")
from pathlib import Path
from game.story import load_story
from game.story.bundle import unpack
from game.engine.viewmodel import Player
_site = json.loads(site_text)
del site_text
story = load_story(unpack(_site["bundle"], Path("/home/pyodide/story"), Path("/home/pyodide/cache")),
                   check_assets=False)
player = Player(story, subjects=_site.get("subjects"))  # where each backdrop's subject is
del _site
fingerprint = story.fingerprint
def act(text):
    return player.act_json(text)
def state():
    return json.dumps(player.state())
def report():
    from game.reporting import render_html  # the desktop's report page, as it is
    return render_html(story, player.record) if player.record is not None else ""
`;

const now = () => performance.timeOrigin + performance.now();  // comparable with the page's clock

async function start() {
  const base = new URL("./", self.location.href).href;
  const [py, zip, site] = await Promise.all([
    loadPyodide({ indexURL: base + "pyodide/", fullStdLib: false }),
    fetch("game.zip").then((r) => r.arrayBuffer()),
    fetch("story.json").then((r) => r.text()),
  ]);
  const runtime = now();  // Pyodide started, the game and the story fetched
  py.unpackArchive(zip, "zip", { extractDir: "/home/pyodide" });
  py.globals.set("site_text", site);
  py.runPython(BOOT);
  return {
    py,
    act: py.globals.get("act"),
    state: py.globals.get("state"),
    report: py.globals.get("report"),
    booted: { fingerprint: py.globals.get("fingerprint"), runtime, story: now() },
  };
}

const engine = start();

async function report(api) {
  // The report embeds the Chinese font subset where its title needs it, as on the desktop: the
  // engine finds it where the desktop keeps it.
  const font = "assets/fonts/NotoSerifCJKsc-Regular-subset.otf";
  if (!api.py.FS.analyzePath(`/home/pyodide/${font}`).exists) {
    const data = new Uint8Array(await (await fetch(font)).arrayBuffer());
    api.py.FS.mkdirTree("/home/pyodide/assets/fonts");
    api.py.FS.writeFile(`/home/pyodide/${font}`, data);
  }
  return api.report();
}

self.onmessage = async (event) => {
  const { id, method, arg } = event.data;
  try {
    const api = await engine;
    let result;
    if (method === "boot") result = api.booted;
    else if (method === "act") result = api.act(arg);
    else if (method === "state") result = api.state();
    else if (method === "report") result = await report(api);
    else throw new Error(`no method ${method}`);
    self.postMessage({ id, result });
  } catch (err) {
    self.postMessage({ id, error: String((err && err.message) || err) });
  }
};

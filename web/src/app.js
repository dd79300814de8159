// Last Train Home, browser edition: draws what the engine's view model says, sends it actions.
// The story's rules all live in Python (game/story, game/engine, run by Pyodide); this file only
// renders views, handles keys and clicks, and keeps saves and settings in localStorage.
import { Classroom } from "./classroom.js";
import { PagedText } from "./reading.js";

const $ = (id) => document.getElementById(id);
const KEYS = { autosave: "lth.autosave", settings: "lth.settings", slot: (n) => `lth.slot.${n}` };
const SLOTS = [1, 2, 3];
const SPEEDS = { 0: 0, 20: 20, 45: 45, 90: 90 };

// ------------------------------------------------------------------ storage
const storage = {
  get(key) {
    try { const text = localStorage.getItem(key); return text ? JSON.parse(text) : null; }
    catch { return null; }
  },
  set(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); return true; }
    catch { return false; }  // full or forbidden: the game goes on, unsaved
  },
  remove(key) { try { localStorage.removeItem(key); } catch { /* nothing to do */ } },
};

// ------------------------------------------------------------------ the engine
class GameError extends Error {}

// The page starts from start.json (written by export-web with this engine: the story's titles and
// note, its lessons, the backdrop catalogue and the first scene's view), so the title, the content
// note and the first scene show at once. The engine runs in a Web Worker (worker.js): it starts
// meanwhile without holding up the page, and what needs it (a choice, a save, the classroom)
// opens when it is ready. Every call is a message and answers with a promise.
const engine = {
  ready: false,
  worker: null,
  calls: new Map(),  // id -> {resolve, reject}: calls not yet answered
  next: 1,
  call(method, arg) {
    return new Promise((resolve, reject) => {
      const id = this.next++;
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, arg });
    });
  },
  answered(event) {
    const { id, result, error } = event.data;
    const call = this.calls.get(id);
    this.calls.delete(id);
    if (error !== undefined) call.reject(new Error(error)); else call.resolve(result);
  },
  async boot(say) {
    say("Starting the game engine (Python in your browser)…");
    this.worker = new Worker("worker.js", { type: "module" });
    this.worker.onmessage = (event) => this.answered(event);
    this.worker.onerror = (event) => {
      for (const call of this.calls.values()) call.reject(new Error(event.message || "the game engine stopped"));
      this.calls.clear();
    };
    this.bootCall = this.next;
    const booted = await this.call("boot");
    const since = (t) => ({ startTime: t - performance.timeOrigin });
    performance.mark("lth-runtime", since(booted.runtime));  // Pyodide started, the files fetched
    performance.mark("lth-story", since(booted.story));  // the story loaded and checked by the engine
    if (booted.fingerprint !== this.story.fingerprint) {
      throw new Error("the site's files do not belong together: export it again");
    }
    this.ready = true;
  },
  async act(action) {
    const reply = JSON.parse(await this.call("act", JSON.stringify(action)));
    if (reply.error) throw new GameError(reply.error);
    return reply.ok;
  },
  async state() { return JSON.parse(await this.call("state")); },
  report() { return this.call("report"); },
  idle() { return [...this.calls.keys()].every((id) => id === this.bootCall); },  // start-up aside
};

// ------------------------------------------------------------------ settings
// volume: the ambient sound (and the click); music: the theme. Settings from before the theme
// had one volume: the music takes it too.
const DEFAULTS = { size: "1", speed: "45", contrast: false, motion: false, volume: 60 };
let settings = { ...DEFAULTS, ...(storage.get(KEYS.settings) || {}) };
if (settings.music === undefined) settings.music = settings.volume;

function applySettings() {
  const root = document.documentElement;
  root.style.setProperty("--scale", settings.size);
  root.classList.toggle("contrast", !!settings.contrast);
  root.classList.toggle("reduced", reducedMotion());
  audio.volume(settings.volume / 100, settings.music / 100);
}
function reducedMotion() {
  return !!settings.motion || matchMedia("(prefers-reduced-motion: reduce)").matches;
}
function textSpeed() {
  if (reducedMotion()) return 0;
  // In class: the pace of reading aloud or each page whole, the desktop's speeds (game/settings.py).
  if (classroom.active) return engine.speeds[classroom.options.speed] ?? engine.speeds.aloud;
  return SPEEDS[settings.speed] ?? 45;
}

function bindSettings() {
  const form = $("settings-form");
  form.size.value = settings.size; form.speed.value = settings.speed;
  form.contrast.checked = !!settings.contrast; form.motion.checked = !!settings.motion;
  form.volume.value = settings.volume; form.music.value = settings.music;
  form.addEventListener("input", () => {
    settings = { size: form.size.value, speed: form.speed.value, contrast: form.contrast.checked,
                 motion: form.motion.checked, volume: Number(form.volume.value),
                 music: Number(form.music.value) };
    storage.set(KEYS.settings, settings);
    applySettings();
  });
}

// ------------------------------------------------------------------ sound
// One sound at a time: a scene's ambience, or the theme (title) or its ending cue (endings).
const audio = {
  level: 0.6, musicLevel: 0.6, loop: null, name: null, isMusic: false,
  volume(v, music) {
    this.level = v; this.musicLevel = music;
    if (this.loop) this.loop.volume = this.isMusic ? music * 0.5 : v * 0.5;
  },
  start(name, isMusic, loop) {
    if (name === this.name) return;
    this.stop();
    this.name = name; this.isMusic = isMusic;
    const level = (isMusic ? this.musicLevel : this.level) * 0.5;
    if (!name || level <= 0) return;
    const a = this.loop = new Audio(`assets/sounds/${name}.ogg`);
    a.loop = loop; a.volume = 0;
    a.play().catch(() => {  // a browser may refuse sound before the first click: try again then
      const retry = () => { if (this.loop === a) a.play().catch(() => {}); };
      addEventListener("pointerdown", retry, { once: true });
      addEventListener("keydown", retry, { once: true });
    });
    const began = performance.now();
    const fadeIn = () => {  // over 1.5 s, as on the desktop
      if (this.loop !== a) return;
      const t = Math.min(1, (performance.now() - began) / 1500);
      a.volume = t * (this.isMusic ? this.musicLevel : this.level) * 0.5;
      if (t < 1) requestAnimationFrame(fadeIn);
    };
    requestAnimationFrame(fadeIn);
  },
  ambience(name) { this.start(name, false, true); },
  music(name, loop) { this.start(name, true, loop); },
  click() {
    if (this.level <= 0) return;
    const a = new Audio("assets/sounds/choose.ogg"); a.volume = this.level;
    a.play().catch(() => {});
  },
  stop() {
    const a = this.loop, from = a ? a.volume : 0, began = performance.now();
    const fadeOut = () => {  // over 0.6 s, then it is let go
      const t = Math.min(1, (performance.now() - began) / 600);
      a.volume = from * (1 - t);
      if (t < 1) requestAnimationFrame(fadeOut); else a.pause();
    };
    if (a) requestAnimationFrame(fadeOut);
    this.loop = null; this.name = null;
  },
};

// ------------------------------------------------------------------ screens
const SCREENS = ["loading", "title", "note", "play", "ending", "closing", "stats", "report"];
function show(name) {
  for (const id of SCREENS) $(id).hidden = id !== name;
  if (name !== "play") delete document.body.dataset.panel;  // the picture shows fully only in play
  if (name === "title") audio.music("theme", true);
  else if (name === "ending") audio.music("theme_end", false);
  else if (name !== "play") audio.stop();
  const first = $(name).querySelector("h1, h2");
  if (first) { first.tabIndex = -1; first.focus({ preventScroll: false }); }
}
const currentScreen = () => SCREENS.find((id) => !$(id).hidden);
const openDialog = () => document.querySelector("dialog[open]");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}
function paragraphs(container, texts) {
  container.replaceChildren(...texts.map((t) => el("p", {}, t)));
}
function message(title, lines) {
  $("message-title").textContent = title;
  paragraphs($("message-text"), lines);
  $("message").showModal();
}

// ------------------------------------------------------------------ play
let view = null;           // the engine's latest view
let typing = null;         // the text still being shown: {finish (Space), stop}; in class, its pages
let reader = null;         // in class, the scene's pages (kept once read: a resize pages it again)
let cardsWaiting = null;   // in class, the text read: the fact card and prompt wait for the teacher
let lead = null;           // a quiet choice's says line: it opens the next scene
let lately = [];           // quiet changes not yet seen on the family page
let cardsDue = [];         // after a choice: the real family's note, a lesson's bridge
let statsBack = () => toTitle();  // where the statistics screen's Back goes
export const classroom = new Classroom({ engine, el, show, message, storage,
                                         onChange: () => (view.closing ? renderClosing() : renderEnding()) });

function setBackdrop(name) {
  const entry = engine.catalog[name || ""] || null;
  $("backdrop").style.backgroundImage = entry ? `url("assets/backdrops/${entry.file}")` : "none";
  $("backdrop").dataset.description = entry ? entry.description : "";
  audio.ambience(entry ? entry.ambience : null);
}

function typeText(container, texts, done) {
  if (classroom.active) { readPages(container, texts, done); return; }
  // Every word is in the page from the start (screen readers read it all); the typewriter only
  // hides what has not been "typed" yet.
  container.replaceChildren();
  const spans = texts.map((t) => {
    const shown = el("span"); const rest = el("span", { class: "untyped", "aria-hidden": "true" }, t);
    const p = el("p", {}, el("span", { class: "sr-only" }, t), el("span", { "aria-hidden": "true" }, shown, rest));
    container.append(p);
    return { text: t, shown, rest };
  });
  const speed = textSpeed();
  const finish = () => {
    for (const s of spans) { s.shown.textContent = s.text; s.rest.textContent = ""; }
    if (typing) clearInterval(typing.timer);
    typing = null; $("skip-hint").hidden = true;
    done();
  };
  if (!speed) { finish(); return; }
  let index = 0, pos = 0;
  const step = Math.max(1, Math.round(speed / 30));
  typing = { finish, stop: finish, timer: setInterval(() => {
    const s = spans[index];
    pos += step;
    s.shown.textContent = s.text.slice(0, pos); s.rest.textContent = s.text.slice(pos);
    if (pos >= s.text.length) { index += 1; pos = 0; }
    if (index >= spans.length) finish();
  }, 1000 / 30) };
  $("skip-hint").hidden = false;
}

// In class the text shows a page at a time (reading.js, as game/ui/pages.py on the desktop); once
// the last page is whole, the fact card and the prompt wait for the teacher, then the choices come.
function readPages(container, texts, done) {
  const hint = $("page-hint");
  const pager = reader = new PagedText({
    box: container, texts, speed: textSpeed(), choiceRoom,
    hint: (text) => { hint.textContent = text; },
    done: () => {
      typing = null;
      const due = classroom.cardsDue(view);
      if (!due.length) { done(); return; }
      hint.textContent = "Space: to discuss, and the fact card";
      cardsWaiting = () => { cardsWaiting = null; hint.textContent = ""; classroom.showCards(due, view.scene, done); };
    },
  });
  if (pager.reading) typing = { finish: () => pager.advance(), stop: () => { pager.stop(); typing = null; }, pager };
}

// The height the choices take under the text (the last page leaves them that room).
function choiceRoom() {
  const list = $("choices"), box = $("scene-text");
  if (list.children.length) return 0;
  const without = box.clientHeight;
  list.style.visibility = "hidden";
  renderChoices();
  const room = without - box.clientHeight;
  list.replaceChildren(); list.style.visibility = "";
  return room;
}

// A scene's text left for another (a load, the class restored): its typewriter stops, showing nothing more.
function stopTyping() {
  reader = null;
  if (!typing) return;
  if (typing.pager) typing.pager.stop(); else clearInterval(typing.timer);
  typing = null;
  $("skip-hint").hidden = true;
}

function render() {
  if (view.closing) return renderClosing();  // the lesson closed here, mid-story
  const scene = view.scene;
  if (view.ending && scene.is_over && currentScreen() === "ending") return renderEnding();
  show("play");
  setBackdrop(scene.backdrop);
  $("scene-chapter").textContent = scene.chapter || engine.story.title;
  $("scene-where").textContent = [scene.place, scene.when].filter(Boolean).join(" · ");
  $("scene-pov").textContent = scene.pov_name ? `${scene.pov_name}'s choice` : "";
  showFace(scene);
  document.body.dataset.panel = scene.panel;  // the side the backdrop's subject is not on
  $("btn-undo").disabled = !view.can_undo;
  $("scene-lead").textContent = lead || "";
  $("scene-lead").hidden = !lead;
  $("btn-family").textContent = lately.length ? `Family (${lately.length} new)` : "Family";
  $("choices").replaceChildren();
  $("stuck").hidden = true;
  $("page-hint").textContent = "";
  stopTyping();
  cardsWaiting = null;
  classroom.decorate(view);
  if (!classroom.active) { typeText($("scene-text"), scene.paragraphs, () => renderChoices()); return; }
  $("scene-text").replaceChildren();  // in class the note for the teacher comes before the text
  classroom.notes(view, () => typeText($("scene-text"), scene.paragraphs, () => renderChoices()));
}

// The point-of-view person's face, as the engine chose it (game/engine/looks.py): their portrait
// with the scene's mood, or the plain one if that drawing is missing.
function showFace(scene) {
  const face = $("scene-face");
  face.hidden = !scene.face;
  if (!scene.face) { face.removeAttribute("src"); return; }
  face.onerror = () => { if (scene.face_fallback) { face.onerror = null; face.src = `assets/${scene.face_fallback}`; } };
  face.src = `assets/${scene.face}`;
  face.alt = scene.mood && scene.mood !== "neutral" ? `${scene.pov_name}, ${scene.mood}` : scene.pov_name || "";
}

function renderChoices() {
  const scene = view.scene;
  const list = $("choices");
  if (scene.is_over) {
    list.replaceChildren(el("li", {}, el("button", { class: "primary continue", onclick: () => renderEnding() },
      el("span", { class: "num" }, "→"), el("span", {}, "The ending (Space)"))));
  } else {
    list.replaceChildren(...scene.choices.map((c) => el("li", {},
      el("button", { "data-choice": c.id, disabled: !c.available || !engine.ready,
                     "aria-describedby": c.locked_reason ? `locked-${c.number}` : null,
                     onclick: (e) => { if (c.available) choose(c.id); e.preventDefault(); },
                     onkeydown: swallowActivation, onkeyup: swallowActivation },
        el("span", { class: "num" }, c.is_continue ? "→" : String(c.number)),
        el("span", {}, c.is_continue ? `${c.text} (${c.number})` : c.text,
          c.locked_reason ? el("span", { class: "locked", id: `locked-${c.number}` }, `Locked: ${c.locked_reason}`) : null)))));
  }
  if (scene.stuck) { $("stuck").textContent = scene.stuck; $("stuck").hidden = false; }
  $("starting").hidden = engine.ready;
}

// Space and Enter never take a choice (as in the desktop game): only a number key or a click.
function swallowActivation(e) {
  if (e.key === " " || e.key === "Enter") { e.preventDefault(); e.stopPropagation(); keyPlay(e); }
}

let acting = false;  // a choice or an undo on its way to the engine: the next waits for it

async function choose(choiceId, tally) {
  if (typing || !engine.ready || acting) return;
  const scene = view.scene;
  if (tally === undefined && classroom.voting(view)) {
    const number = scene.choices.find((c) => c.id === choiceId)?.number;
    classroom.openVote(view, number, (id, votes) => choose(id, votes));
    return;
  }
  let next;
  acting = true;
  try {
    next = await engine.act({ do: "choose", choice: choiceId, ...classroom.extra(scene, tally) });
  } catch (err) {
    if (err instanceof GameError) { message("That choice cannot be taken", [err.message]); return; }
    throw err;
  } finally {
    acting = false;
  }
  audio.click();
  view = next;
  autosave();
  classroom.countStats(view);
  // After a key decision, what the real family did; where a lesson moves on, its bridge.
  cardsDue = [];
  if (view.outcome && view.outcome.film_note.length) cardsDue.push(["film", view.outcome.film_note]);
  if (view.bridge) cardsDue.push(["bridge", view.bridge]);
  // The consequence card only where something that matters changed (game/engine/notable.py);
  // otherwise the says line opens the next scene and the changes wait on the family page.
  const outcome = view.outcome;
  if (outcome && outcome.notable && (outcome.says || outcome.changes.length)) {
    lead = null; lately = [];
    showOutcome(outcome);
  } else {
    lead = outcome ? outcome.says : null;
    if (outcome) lately.push(...outcome.changes);
    afterChoice();
  }
}

function afterChoice() {
  const card = cardsDue.shift();
  if (card) showLessonCard(...card);
  else render();
}

function showLessonCard(kind, data) {
  const body = $("lesson-card-body");
  if (kind === "film") {
    $("lesson-card-kind").textContent = "What the real family did";
    body.replaceChildren(...data.map((t) => el("p", { class: "real" }, t)));
  } else {
    $("lesson-card-kind").textContent = "The lesson moves on";
    body.replaceChildren(...data.bridge.map((t) => el("p", { class: "bridge" }, t)),
      data.where ? el("p", { class: "where" }, data.where) : null,
      data.road.length ? el("p", { class: "small" }, "On the way, the lesson took these decisions for the class:") : null,
      data.road.length ? el("ul", { class: "road" }, ...data.road.map((t) => el("li", {}, t))) : null);
  }
  $("lesson-card").showModal();
  $("btn-lesson-card-ok").focus();
}
function closeLessonCard() { $("lesson-card").close(); afterChoice(); }

function renderClosing() {
  const c = view.closing;
  show("closing");
  setBackdrop(view.scene.backdrop);
  $("closing-title").textContent = c.title;
  $("closing-decided").replaceChildren(...(c.decided.length ? c.decided.map((d) => el("li", {},
    el("span", { class: "when" }, `${d.when}: `), d.text,
    el("span", { class: "how" }, d.total ? `decided by vote, ${d.votes} of ${d.total}` : "chosen without a vote")))
    : [el("li", {}, "The class took no decisions in this lesson.")]));
  $("closing-where").textContent = c.where;
  $("closing-family").replaceChildren(...c.people.map((p) => el("li", {}, el("strong", {}, p.short), " ",
    p.stats.map((s) => `${s.label.toLowerCase()} ${s.value}`).join(", "))),
    ...c.resources.map((r) => el("li", {}, el("strong", {}, r.label), ` ${r.value.toLocaleString("en")} ${r.unit}`)));
  paragraphs($("closing-next"), c.next);
  $("closing-next-section").hidden = !c.next.length;
  $("closing-question").textContent = c.question;
  $("closing-question-section").hidden = !c.question;
  $("btn-closing-report").hidden = !classroom.active;
}

async function renderStats(back) {
  const s = await classroom.statsSummary();
  const body = [el("p", {}, `${s.sessions} class session${s.sessions === 1 ? "" : "s"} on record: `
    + `${s.ended} reached an ending, ${s.closed} ${s.closed === 1 ? "was a lesson" : "were lessons"} closed mid-story.`
    + (s.other_stories ? ` (${s.other_stories} more from other stories.)` : ""))];
  if (!s.sessions) body.push(el("p", { class: "small" }, "A class session counts here once it reaches an ending or its lesson closes."));
  for (const d of s.decisions) {
    body.push(el("h3", {}, `${d.chapter}: ${d.key}`), el("p", { class: "small" }, `decided ${d.reached} time${d.reached === 1 ? "" : "s"}`),
      el("ul", { class: "shares" }, ...d.choices.map((c) => el("li", {},
        el("span", { class: "pct" }, `${c.percent.toFixed(0)}%`), " ", c.text))));
  }
  if (s.endings.length) {
    body.push(el("h3", {}, "Endings"), el("ul", { class: "shares" }, ...s.endings.map((e) =>
      el("li", {}, el("span", { class: "pct" }, String(e.times)), " ", e.title))));
  }
  $("stats-body").replaceChildren(...body);
  $("stats-message").textContent = "";
  statsBack = back || statsBack;
  show("stats");
}
async function exportStats() {
  const file = await classroom.statsFile();
  const blob = new Blob([JSON.stringify(file, null, 1)], { type: "application/json" });
  const a = el("a", { href: URL.createObjectURL(blob), download: "last-train-home-class-statistics.json" });
  document.body.append(a); a.click(); a.remove();
  $("stats-message").textContent = "The statistics file was downloaded.";
}
async function importStats(file) {
  try {
    const added = await classroom.mergeStats(await file.text());
    await renderStats();
    $("stats-message").textContent = `Imported ${added} new class session${added === 1 ? "" : "s"}.`;
  } catch (err) {
    $("stats-message").textContent = err.message;
  }
}

function bar(value, min, max) {
  const pct = Math.round(((value - min) / Math.max(1, max - min)) * 100);
  return el("span", { class: "bar", role: "img", "aria-label": `${value} of ${max}` },
    el("span", { style: `width:${pct}%` }));
}
function statDef(id) { return engine.story.stats.find((s) => s.id === id); }

function showOutcome(outcome) {
  $("outcome-choice").textContent = outcome.choice_text;
  $("outcome-says").textContent = outcome.says || "";
  $("outcome-says").hidden = !outcome.says;
  // Each person moved shows their face once, glad or sad at what the choice did to them in all
  // (the engine's rule, game.engine.looks.moved_faces, as on the desktop's card).
  const faced = new Set();
  $("outcome-changes").replaceChildren(...outcome.changes.map((c) => {
    const cls = c.delta > 0 || (c.kind === "flag" && c.after) ? "rise" : "fall";
    const def = c.kind === "stat" ? statDef(c.name) : null;
    const looks = c.person && !faced.has(c.person) ? (outcome.faces || {})[c.person] : null;
    let face = null;
    if (looks && looks.length) {
      faced.add(c.person);
      face = el("img", { class: "face", alt: c.person_name || "", src: `assets/${looks[0]}`, "data-person": c.person });
      face.onerror = () => { face.onerror = null; face.src = `assets/${looks[looks.length - 1]}`; };
    }
    const whose = face ? " with-face" : c.person ? "" : " family";  // the family's own start below the faces
    return el("li", { class: cls + whose }, face, el("span", {}, c.words),
      def ? bar(c.after, def.min, def.max) : null);
  }));
  const dialog = $("outcome");
  dialog.showModal();
  $("btn-outcome-ok").focus();
}
function closeOutcome() { $("outcome").close(); afterChoice(); }

function renderEnding() {
  const ending = view.ending;
  if (!ending) return;
  show("ending");
  $("ending-title").textContent = ending.title;
  paragraphs($("ending-text"), ending.paragraphs);
  $("ending-epilogue").replaceChildren(...ending.epilogue.map((e) =>
    el("li", {}, el("strong", {}, e.name), " ", e.line)));
  paragraphs($("ending-documentary"), ending.documentary);
  $("ending-real").hidden = !ending.documentary.length;
  $("btn-ending-report").hidden = !classroom.active;
  $("btn-ending-stats").hidden = !classroom.active;
  classroom.finished(view);
}

async function undo() {
  if (typing) typing.stop();
  if (!engine.ready || acting) return;
  acting = true;
  try { view = await engine.act({ do: "undo" }); } catch (err) {
    if (err instanceof GameError) return; throw err;
  } finally {
    acting = false;
  }
  lead = null; lately = []; cardsDue = [];
  autosave();
  classroom.countStats(view);
  render();
}

// ------------------------------------------------------------------ panels
function renderFamily() {
  const family = view.family;
  $("family-lately").hidden = !lately.length;
  $("family-lately-list").replaceChildren(...lately.map((c) =>
    el("li", { class: c.delta > 0 || (c.kind === "flag" && c.after) ? "rise" : "fall" }, c.words)));
  lately = [];
  $("btn-family").textContent = "Family";
  $("family-people").replaceChildren(...family.people.map((p) => el("section",
    { class: `person${p.present ? "" : " absent"}`, "aria-label": p.name },
    p.portrait ? el("img", { src: `assets/portraits/${p.portrait}.png`, alt: `Portrait of ${p.short}` }) : null,
    el("h3", {}, p.name), el("p", { class: "small" }, p.present ? p.role : `${p.role} (not yet born)`),
    ...engine.story.stats.map((s) => el("div", { class: "stat" },
      el("span", {}, s.label), bar(p.stats[s.id], s.min, s.max), el("span", {}, `${p.stats[s.id]}/${s.max}`))))));
  $("family-resources").replaceChildren(...family.resources.map((r) =>
    el("li", {}, `${r.label}: ${r.value.toLocaleString("en")} ${r.unit}`)));
  $("family-flags").replaceChildren(...family.flags.map((f) => el("li", {}, f)));
  $("family").showModal();
}

async function renderHistory() {
  if (!engine.ready) return;
  const { history } = await engine.act({ do: "history" });
  $("history-list").replaceChildren(...history.map((h) => el("section", { class: "history-step" },
    el("p", { class: "where" }, [h.chapter, h.place, h.when].filter(Boolean).join(" · ")),
    ...h.paragraphs.map((t) => el("p", {}, t)),
    h.choice_text && !h.is_continue ? el("p", { class: "took" }, `You chose: ${h.choice_text}`) : null,
    h.says ? el("p", { class: "says" }, h.says) : null,
    h.changes.length ? el("ul", { class: "changes" }, ...h.changes.map((c) => el("li", {}, c.words))) : null)));
  $("history").showModal();
  const last = $("history-list").lastElementChild;
  if (last) last.scrollIntoView({ block: "end" });
}

// ------------------------------------------------------------------ saves
async function autosave() {
  if (!engine.ready) return;  // the first scene, shown before Python is ready: nothing to save yet
  const { save } = await engine.act({ do: "save" });
  storage.set(KEYS.autosave, save);
  await classroom.persist();
}
function describeSave(save) {
  if (!save) return "Empty";
  const s = save.summary || {};
  const when = save.saved_at ? new Date(save.saved_at).toLocaleString() : "";
  return `${[s.chapter, s.place, s.when].filter(Boolean).join(" · ")} — saved ${when}`;
}
async function load(save, name) {
  try { view = await engine.act({ do: "load", save, name }); } catch (err) {
    if (err instanceof GameError) { message("The save could not be loaded", [err.message]); return false; }
    throw err;
  }
  for (const d of document.querySelectorAll("dialog[open]")) d.close();
  storage.set(KEYS.autosave, (await engine.act({ do: "save" })).save);
  render();
  if (view.messages.length) message("Loaded, with changes", view.messages);
  return true;
}
function renderSaves() {
  const inGame = !!view && currentScreen() !== "title";
  const entries = [["Autosave", KEYS.autosave, false], ...SLOTS.map((n) => [`Slot ${n}`, KEYS.slot(n), true])];
  $("save-slots").replaceChildren(...entries.map(([label, key, writable]) => {
    const save = storage.get(key);
    return el("li", {}, el("strong", {}, label), el("span", { class: "what" }, describeSave(save)),
      writable && inGame ? el("button", { onclick: async () => {
        const ok = storage.set(key, (await engine.act({ do: "save" })).save);
        $("saves-message").textContent = ok ? `Saved in ${label}.` : "This browser refused to store the save (storage full or blocked). Export it as a file instead.";
        renderSaves();
      } }, `Save in ${label}`) : null,
      save ? el("button", { onclick: () => load(save, label === "Autosave" ? "the autosave" : `save '${label}'`) }, `Load ${label}`) : null,
      save && writable ? el("button", { onclick: () => { storage.remove(key); renderSaves(); } }, `Delete ${label}`) : null);
  }));
  $("btn-export").disabled = !inGame;
  if (!$("saves").open) $("saves").showModal();
}
async function exportSave() {
  const { save } = await engine.act({ do: "save" });
  const blob = new Blob([JSON.stringify(save, null, 1)], { type: "application/json" });
  const a = el("a", { href: URL.createObjectURL(blob), download: "last-train-home-save.json" });
  document.body.append(a); a.click(); a.remove();
  $("saves-message").textContent = "The save file was downloaded.";
}
async function importSave(file) {
  const text = await file.text();
  if (await load(text, "the file")) $("saves-message").textContent = "";
}

// ------------------------------------------------------------------ flow
async function newGame(withClassroom = false, lesson = null) {
  if (!withClassroom) await classroom.stop();
  if (engine.ready) view = await engine.act(withClassroom ? { do: "class_begin", lesson } : { do: "restart" });
  else view = engine.first;  // the engine's own first view, exported with the site
  lead = null; lately = []; cardsDue = [];
  const note = engine.story.content_note;
  if (note.length) {
    paragraphs($("note-text"), note);
    show("note");
    $("btn-note-ok").focus();
  } else startPlaying();
}
function startPlaying() { autosave(); render(); }
function toTitle() {
  for (const d of document.querySelectorAll("dialog[open]")) d.close();
  if (typing) typing.stop();
  cardsWaiting = null;
  $("btn-continue").hidden = !storage.get(KEYS.autosave);
  show("title");
}
async function continueGame() {
  const save = storage.get(KEYS.autosave);
  if (save && await load(save, "the autosave")) {
    await classroom.restore();
    view = await engine.act({ do: "view" });
    render();
  }
}

// ------------------------------------------------------------------ keys
function keyPlay(e) {
  if (typing && typing.pager && e.key === "ArrowRight") { typing.finish(); return true; }
  if (cardsWaiting && (e.key === " " || e.key === "Enter" || /^[1-9]$/.test(e.key))) { cardsWaiting(); return true; }
  if (e.key === " " || e.key === "Enter") {
    if (typing) typing.finish();
    else if (view.scene.is_over && currentScreen() === "play") renderEnding();
    return true;
  }
  if (/^[1-9]$/.test(e.key)) {
    if (typing) { typing.finish(); return true; }
    const c = view.scene.choices.find((x) => x.number === Number(e.key));
    if (c && c.available) choose(c.id);
    return true;
  }
  if ((e.key === "z" && (e.ctrlKey || e.metaKey)) || e.key === "Backspace") { undo(); return true; }
  if (e.key === "f" || e.key === "F") { renderFamily(); return true; }
  if (e.key === "h" || e.key === "H") { renderHistory(); return true; }
  if (e.key === "Escape") { $("menu").showModal(); return true; }
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    const buttons = [...$("choices").querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement);
    const next = buttons[(at + (e.key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length];
    if (next) next.focus();
    return true;
  }
  return false;
}
function onKey(e) {
  if (e.defaultPrevented || e.altKey) return;
  const target = e.target;
  if (target.matches && target.matches("input, select, textarea")) return;
  const dialog = openDialog();
  if (dialog) {
    if (dialog.id === "outcome" && (e.key === " " || e.key === "Enter" || e.key === "Escape")) {
      e.preventDefault(); closeOutcome();
    } else if (dialog.id === "lesson-card" && (e.key === " " || e.key === "Enter" || e.key === "Escape")) {
      e.preventDefault(); closeLessonCard();
    } else if (dialog.id === "vote" && /^[1-9]$/.test(e.key)) {
      e.preventDefault(); classroom.key(e.key);
    }
    return;
  }
  const screen = currentScreen();
  let handled = false;
  if (screen === "play") handled = keyPlay(e);
  else if (screen === "note" && (e.key === " " || e.key === "Enter")) { startPlaying(); handled = true; }
  else if ((screen === "ending" || screen === "closing") && e.key === "Escape") { toTitle(); handled = true; }
  else if (screen === "report" && e.key === "p" && (e.ctrlKey || e.metaKey)) {
    // The browser's own Print would print this page, the report cut to its frame: print the report.
    document.querySelector(".report-frame").contentWindow.print(); handled = true;
  }
  else if (screen === "ending" && ((e.key === "z" && e.ctrlKey) || e.key === "Backspace")) { undo(); handled = true; }
  if (handled) e.preventDefault();
}

// ------------------------------------------------------------------ start
function wire() {
  $("btn-new").onclick = () => newGame();
  $("btn-continue").onclick = continueGame;
  $("btn-class").onclick = () => classroom.setup((lesson) => newGame(true, lesson));
  $("btn-class-stats").onclick = () => { $("class-setup").close(); renderStats(() => toTitle()); };
  $("btn-closing-report").onclick = () => classroom.report();
  $("btn-closing-stats").onclick = () => renderStats(() => renderClosing());
  $("btn-closing-title").onclick = toTitle;
  $("btn-stats-export").onclick = exportStats;
  $("btn-stats-back").onclick = () => statsBack();
  $("stats-import").addEventListener("change", (e) => { if (e.target.files[0]) importStats(e.target.files[0]); e.target.value = ""; });
  $("btn-lesson-card-ok").onclick = closeLessonCard;
  $("lesson-card").addEventListener("cancel", (e) => { e.preventDefault(); closeLessonCard(); });
  $("btn-load").onclick = renderSaves;
  $("btn-settings").onclick = () => $("settings").showModal();
  $("btn-note-ok").onclick = startPlaying;
  $("btn-family").onclick = renderFamily;
  $("btn-history").onclick = renderHistory;
  $("btn-undo").onclick = undo;
  $("btn-menu").onclick = () => $("menu").showModal();
  $("btn-outcome-ok").onclick = closeOutcome;
  $("outcome").addEventListener("cancel", (e) => { e.preventDefault(); closeOutcome(); });
  $("btn-resume").onclick = () => $("menu").close();
  $("btn-saves").onclick = () => { $("menu").close(); renderSaves(); };
  $("btn-menu-settings").onclick = () => { $("menu").close(); $("settings").showModal(); };
  $("btn-menu-title").onclick = toTitle;
  $("btn-again").onclick = () => newGame(classroom.active);
  $("btn-ending-history").onclick = renderHistory;
  $("btn-ending-undo").onclick = undo;
  $("btn-ending-title").onclick = toTitle;
  $("btn-ending-report").onclick = () => classroom.report();
  $("btn-ending-stats").onclick = () => renderStats(() => renderEnding());
  $("btn-vote-take").onclick = () => classroom.takeMajority();
  $("btn-vote-skip").onclick = () => classroom.skipVote();
  $("btn-vote-cancel").onclick = () => { classroom.vote = null; $("vote").close(); };
  $("btn-export").onclick = exportSave;
  $("import-file").addEventListener("change", (e) => { if (e.target.files[0]) importSave(e.target.files[0]); e.target.value = ""; });
  for (const b of document.querySelectorAll("dialog .close")) b.onclick = () => b.closest("dialog").close();
  document.addEventListener("keydown", onKey);
  $("scene-text").addEventListener("click", () => {  // in class a click turns the page, as on the desktop
    if (typing && typing.pager) typing.finish();
    else if (cardsWaiting) cardsWaiting();
  });
  addEventListener("resize", () => { if (reader && currentScreen() === "play") reader.relayout(); });
  bindSettings();
}

async function main() {
  wire();
  applySettings();
  let start;
  try {
    start = await (await fetch("start.json")).json();
  } catch (err) {
    $("loading-status").textContent = `The game could not start: ${err.message || err}. Serve this folder over http (python main.py serve-web DIR), not as a file.`;
    window.lth.failed = String(err.message || err);
    throw err;
  }
  Object.assign(engine, { story: start.story, lessons: start.lessons, catalog: start.catalog, first: start.first,
                          speeds: start.speeds });
  $("title-text").textContent = engine.story.title;
  $("title-native").textContent = engine.story.title_native;
  document.title = `${engine.story.title}${engine.story.title_native ? " · " + engine.story.title_native : ""}`;
  engineReady(false);
  toTitle();
  performance.mark("lth-title");  // the title screen is up; Python is starting
  window.lth.shown = true;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));  // drawn first
  const say = (text) => { $("title-status").textContent = text; };
  try {
    await engine.boot(say);
  } catch (err) {
    say(`The game could not start: ${err.message || err}. Serve this folder over http (python main.py serve-web DIR), not as a file.`);
    window.lth.failed = String(err.message || err);
    throw err;
  }
  engineReady(true);
  window.lth.ready = true;
}

// What needs Python (a choice, undo, saves, the classroom) waits for it; then the scene on the
// screen gets its choices, and the game is autosaved from there.
function engineReady(on) {
  for (const b of document.querySelectorAll("[data-engine]")) b.disabled = !on;
  $("title-status").hidden = on;
  if (!on) return;
  const screen = currentScreen();
  if (screen === "play" && !typing) { renderChoices(); $("btn-undo").disabled = !view.can_undo; }
  if (screen === "play" || screen === "note") autosave();
}

// For tests and benchmarks: the engine's state and views, read-only.
// idle(): no engine call waits for its answer (tests wait for it before they look).
// reading(): in class, the page being read ({page, pages, revealed, total}), or null once read.
window.lth = { shown: false, ready: false, failed: null, engine, state: () => engine.state(), view: () => view,
               classroom, idle: () => engine.idle(), cardsWaiting: () => !!cardsWaiting,
               reading: () => (typing && typing.pager ? { page: typing.pager.page + 1, pages: typing.pager.pages.length,
                                                        revealed: typing.pager.revealed, total: typing.pager.total } : null) };
main();

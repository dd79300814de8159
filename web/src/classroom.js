// Classroom mode of the browser edition: the facilitator's options, fact cards and discussion
// pauses shown full-screen, the class vote at every real decision, teams, and the session report.
// What the class decided is recorded by the engine (game/engine/record.py, through the view
// model); the report is the desktop's own page (game/reporting/), rendered in the browser.

const STORE = "lth.class";
const STATS = "lth.stats";

export class Classroom {
  constructor({ engine, el, show, message, storage, onChange }) {
    Object.assign(this, { engine, el, show, message, storage, onChange });
    this.active = false;
    this.options = { pauses: true, votes: true, teams: false, teamOf: {}, speed: "aloud" };
    this.seen = new Set();      // "fact:scene:visit" and "discuss:scene:visit" already shown
    this.started = 0;           // when the current scene was shown (seconds of a decision)
    this.vote = null;           // the vote in progress: {choices, tally, onDecide}
    this.now = () => performance.now();  // how long a prompt was kept up (a test may move it on)
  }

  $(id) { return document.getElementById(id); }

  defaultTeams() {
    const teams = {};
    for (const p of this.engine.story.people) {
      const parent = ["father", "mother", "parent"].includes(p.role.toLowerCase());
      teams[p.id] = parent ? "Team Parents" : `Team ${p.short}`;
    }
    return teams;
  }

  // ---------------------------------------------------------------- setup and lifetime
  // The facilitator's options, then the story's lessons first (a class period needs no
  // preparation), or the whole story from the beginning. `start(lessonId or null)` begins.
  setup(start) {
    const dialog = this.$("class-setup");
    const form = this.$("class-form");
    const teams = { ...this.defaultTeams(), ...this.options.teamOf };
    this.$("class-teams").replaceChildren(...this.engine.story.people.map((p) => this.el("label", {},
      `${p.name} (${p.role}): `, this.el("input", { name: `team-${p.id}`, value: teams[p.id], maxlength: "30" }))));
    form.pauses.checked = this.options.pauses; form.votes.checked = this.options.votes;
    form.teams.checked = this.options.teams;
    form.speed.value = this.options.speed || "aloud";
    const fieldset = this.$("class-teams").closest("fieldset");
    fieldset.hidden = !form.teams.checked;
    form.teams.onchange = () => { fieldset.hidden = !form.teams.checked; };
    const go = (lesson) => (e) => {
      e.preventDefault();
      const teamOf = {};
      for (const p of this.engine.story.people) teamOf[p.id] = form[`team-${p.id}`].value.trim() || `Team ${p.short}`;
      this.options = { pauses: form.pauses.checked, votes: form.votes.checked, teams: form.teams.checked, teamOf,
                       speed: form.speed.value };
      dialog.close();
      this.begin();
      start(lesson);
    };
    const lessons = this.engine.lessons;
    this.$("class-lessons").hidden = !lessons.length;
    this.$("lesson-list").replaceChildren(...lessons.map((l) => this.el("li", {},
      this.el("button", { "data-lesson": l.id, onclick: go(l.id) },
        this.el("span", { class: "lesson-title" }, l.title),
        this.el("span", { class: "lesson-note" },
          `${l.minutes} minutes · ${l.keys} key decision${l.keys === 1 ? "" : "s"}`),
        l.summary ? this.el("span", { class: "lesson-summary" }, l.summary) : null))));
    this.$("btn-class-start").onclick = go(null);
    dialog.showModal();
    const first = this.$("lesson-list").querySelector("button") || this.$("btn-class-start");
    first.focus();
  }

  begin() {
    this.active = true;
    this.counted = false;
    this.seen = new Set();
    document.documentElement.classList.add("classroom");
  }

  async stop() {
    if (!this.active) return;
    this.active = false;
    this.storage.remove(STORE);
    document.documentElement.classList.remove("classroom");
    await this.engine.act({ do: "class_end" });
  }

  async persist() {
    if (!this.active) return;
    const { record, lesson_part } = await this.engine.act({ do: "class_record" });
    this.storage.set(STORE, { options: this.options, record, lesson_part, seen: [...this.seen] });
  }

  // The class statistics kept in this browser count this session as the desktop counts its
  // record: once, when it has finished (an ending, or a lesson closed mid-story); an undo
  // past the end takes it out again.
  async countStats(view) {
    const finished = !!(view.classroom && view.classroom.finished);
    if (!this.active || finished === this.counted) return;
    this.counted = finished;
    const reply = await this.engine.act({ do: "stats_sync", stats: this.storage.get(STATS) });
    this.storage.set(STATS, reply.stats);
  }

  async statsSummary() { return (await this.engine.act({ do: "stats_view", stats: this.storage.get(STATS) })).summary; }

  async statsFile() { return (await this.engine.act({ do: "stats_view", stats: this.storage.get(STATS) })).file; }

  async mergeStats(text) {
    let file;
    try { file = JSON.parse(text); } catch { throw new Error("The file is not a class statistics file (not JSON)."); }
    const reply = await this.engine.act({ do: "stats_merge", stats: this.storage.get(STATS), file });
    this.storage.set(STATS, reply.stats);
    return reply.new;
  }

  async restore() {
    const kept = this.storage.get(STORE);
    if (!kept) { if (this.active) await this.stop(); return; }
    try { await this.engine.act({ do: "class_restore", record: kept.record, lesson_part: kept.lesson_part }); } catch (err) {
      this.message("Classroom mode", [err.message]); return;
    }
    this.options = kept.options; this.begin();
    this.seen = new Set(kept.seen || []);
    this.counted = !!kept.record.finished_at;
  }

  team(scene) {
    return this.active && this.options.teams && scene.pov ? this.options.teamOf[scene.pov] || null : null;
  }

  // ---------------------------------------------------------------- a scene
  decorate(view) {
    const scene = view.scene, here = this.active ? view.classroom : null;
    const fact = this.$("scene-fact"), discuss = this.$("scene-discuss");
    // In class the fact card and the prompt come full-screen once the text is read (cardsDue).
    fact.hidden = !scene.fact || !!here;
    if (!fact.hidden) fact.replaceChildren(...this.factCard(scene.fact));
    discuss.hidden = true;
    const team = this.team(scene);
    this.$("scene-team").textContent = team ? `${team} decides` : "";
    this.$("scene-team").hidden = !team;
    const lesson = here && here.lesson;
    const mark = this.$("scene-lesson");
    mark.textContent = lesson ? `${lesson.title} · part ${lesson.part + 1} of ${lesson.parts}: ${lesson.part_title}`
      + (here.key && scene.key_label ? ` · key decision: ${scene.key_label}` : "") : "";
    mark.hidden = !lesson;
    this.started = performance.now();
  }

  factCard(f) {
    return [this.el("h3", {}, f.title), f.figure ? this.el("p", { class: "figure" }, f.figure) : null,
      ...f.text.map((t) => this.el("p", {}, t)), this.el("p", { class: "source" }, `Source: ${f.source}`)];
  }

  // Before the scene's text, full-screen: the notes the engine says are due (the scene's note for
  // the teacher), each once per its "seen" key; then `then()`.
  notes(view, then) {
    const here = this.active ? view.classroom : null;
    const due = here ? here.notes.filter((n) => !this.seen.has(n.seen)).map((n) => ["note", n]) : [];
    this.showCards(due, view.scene, then);
  }

  // Once the class has read the text, when the teacher asks (as on the desktop): the fact card,
  // then the discussion prompt, once a visit (in a lesson, only the prompts it keeps, and fact
  // cards only if it shows them).
  cardsDue(view) {
    const scene = view.scene, here = this.active ? view.classroom : null;
    if (!here) return [];
    const visit = view.decisions;
    const due = [];
    if (scene.fact && here.fact && !this.seen.has(`fact:${scene.id}:${visit}`)) due.push(["fact", scene]);
    if (here.prompt && this.options.pauses && !this.seen.has(`discuss:${scene.id}:${visit}`)) due.push(["discuss", scene]);
    return due;
  }

  // The cards one after another, then `then()`. A prompt counts as discussed only if the teacher
  // goes on after keeping it up (the engine's rule, game.engine.classview.kept_up: it is sent the
  // seconds); Esc skips it. Esc on the note for the teacher opens the menu, as the note says.
  showCards(due, scene, then) {
    const item = due.shift();
    if (!item) { then(); return; }
    const [kind, note] = item;
    const card = this.$("class-card");
    const visit = window.lth.view().decisions;
    card.dataset.kind = kind === "note" ? note.kind : kind;
    let hint = "Space, Enter or a click: go on";
    if (kind === "note") {
      this.seen.add(note.seen);
      this.$("class-card-kind").textContent = note.title;
      this.$("class-card-body").replaceChildren(...note.text.map((t) => this.el("p", {}, t)));
      hint += " · Esc: the menu";
    } else {
      this.seen.add(`${kind}:${scene.id}:${visit}`);
      if (kind === "fact") this.engine.act({ do: "class_seen", fact: true });  // answered in order
      this.$("class-card-kind").textContent = kind === "fact" ? "Fact card" : "Discuss";
      this.$("class-card-body").replaceChildren(...(kind === "fact" ? this.factCard(scene.fact)
        : [this.el("p", { class: "question" }, scene.discuss)]));
      if (kind === "discuss") hint += " · Esc: skip (not counted as discussed)";
    }
    this.$("class-card-hint").textContent = hint;
    const opened = this.now();
    // The next card opens at once (a dialog's close event would come later, after it).
    const ok = () => {
      if (kind === "discuss") this.engine.act({ do: "class_seen", prompt_seconds: (this.now() - opened) / 1000 });
      card.close(); this.persist(); this.showCards(due, scene, then);
    };
    this.$("btn-class-card-ok").onclick = ok;
    card.oncancel = (e) => {
      e.preventDefault();
      if (kind === "note") { this.$("menu").showModal(); return; }  // over the note: Resume comes back to it
      if (kind === "discuss") { card.close(); this.persist(); this.showCards(due, scene, then); return; }  // skipped
      ok();
    };
    card.showModal();
    this.fit(card);
    this.$("btn-class-card-ok").focus();
  }

  // A long card gets smaller type rather than a scrollbar (as on the desktop's cards), down to 0.6.
  fit(card) {
    for (const scale of [1, 0.9, 0.8, 0.7, 0.6]) {
      card.style.setProperty("--card-scale", String(scale));
      if (card.scrollHeight <= card.clientHeight) break;
    }
  }

  // ---------------------------------------------------------------- the vote
  voting(view) {
    const scene = view.scene;
    return this.active && this.options.votes && !scene.is_over && !!view.classroom && view.classroom.votes_here
      && scene.choices.filter((c) => c.available && !c.is_continue).length > 1;
  }

  openVote(view, selected, onDecide) {
    const scene = view.scene;
    const choices = scene.choices.filter((c) => c.available);
    const chosen = choices.find((c) => c.number === selected) || choices[0];
    this.vote = { choices, tally: Object.fromEntries(choices.map((c) => [c.id, 0])), onDecide, tie: [],
                  selected: chosen.id };
    const team = this.team(scene);
    // A key decision is marked, as on the desktop: "Class vote · key decision: leave the village".
    const key = view.classroom && view.classroom.key && scene.key_label ? ` · key decision: ${scene.key_label}` : "";
    this.$("vote-title").textContent = (team ? `${team}: vote` : "Class vote") + key;
    this.drawVote(selected);
    this.$("vote").showModal();
  }

  drawVote(focusNumber) {
    const { choices, tally, tie } = this.vote;
    const top = Math.max(...Object.values(tally));
    this.$("vote-options").replaceChildren(...choices.map((c) => this.el("li",
      { class: tie.includes(c.id) ? "winner" : "" },
      this.el("span", { class: "num" }, String(c.number)),
      this.el("span", { class: "text" }, c.text),
      this.el("button", { "aria-label": `One vote fewer for ${c.number}`, onclick: () => this.count(c.id, -1) }, "−"),
      this.el("span", { class: "count", "aria-live": "polite", "data-votes": c.id }, String(tally[c.id])),
      this.el("button", { "aria-label": `One vote more for ${c.number}`, "data-vote": String(c.number), onclick: () => this.count(c.id, 1) }, "+"),
      tie.includes(c.id) ? this.el("button", { class: "primary", onclick: () => this.decide(c.id) }, "Take this one") : null)));
    this.$("btn-vote-take").disabled = top <= 0;
    this.$("vote-status").textContent = tie.length > 1 ? "A tie: the facilitator takes one of the marked choices." : "";
    const plus = focusNumber && this.$("vote-options").querySelector(`[data-vote="${focusNumber}"]`);
    if (plus) plus.focus();
  }

  count(id, delta) {
    this.vote.tally[id] = Math.max(0, this.vote.tally[id] + delta);
    this.vote.tie = [];
    this.drawVote();
  }

  key(k) {
    if (!this.vote) return false;
    const c = this.vote.choices.find((x) => x.number === Number(k));
    if (c) this.count(c.id, 1);
    return true;
  }

  takeMajority() {
    const { tally } = this.vote;
    const top = Math.max(...Object.values(tally));
    const best = Object.keys(tally).filter((k) => tally[k] === top && top > 0);
    if (best.length === 1) this.decide(best[0]);
    else { this.vote.tie = best; this.drawVote(); }
  }

  decide(choiceId, withTally = true) {
    const { tally, onDecide } = this.vote;
    this.vote = null;
    this.$("vote").close();
    onDecide(choiceId, withTally ? tally : null);
  }

  skipVote() { this.decide(this.vote.selected, false); }  // the choice that opened the vote

  extra(scene, tally) {
    if (!this.active) return {};
    return { tally: tally || null, team: this.team(scene),
             seconds: Math.round((performance.now() - this.started) / 100) / 10 };
  }

  // ---------------------------------------------------------------- the end
  finished() { if (this.active) this.persist(); }

  async report() {
    const html = await this.engine.report();
    const frame = this.el("iframe", { title: "Session report", srcdoc: html, class: "report-frame" });
    const screen = this.$("report");
    screen.replaceChildren(
      this.el("h2", {}, "Session report"),
      this.el("p", { class: "small" }, "The class's path, votes and the family's fate, to print or keep. Nothing personal is in it."),
      this.el("nav", { class: "menu no-print", "aria-label": "Report" },
        this.el("button", { class: "primary", onclick: () => frame.contentWindow.print() }, "Print"),
        this.el("button", { onclick: () => {
          const a = this.el("a", { href: URL.createObjectURL(new Blob([html], { type: "text/html" })), download: "session-report.html" });
          document.body.append(a); a.click(); a.remove();
        } }, "Download"),
        this.el("button", { onclick: () => this.onChange() }, "Back")),
      frame);
    this.show("report");
  }
}

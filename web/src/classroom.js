// Classroom mode of the browser edition: the facilitator's options, fact cards and discussion
// pauses shown full-screen, the class vote at every real decision, teams, and the session report.
// What the class decided is recorded by the engine (game/engine/record.py, through the view
// model); the report is the desktop's own page (game/tools/report.py), rendered in the browser.

const STORE = "lth.class";

export class Classroom {
  constructor({ engine, el, show, message, storage, onChange }) {
    Object.assign(this, { engine, el, show, message, storage, onChange });
    this.active = false;
    this.options = { pauses: true, votes: true, teams: false, teamOf: {} };
    this.seen = new Set();      // "fact:scene:visit" and "discuss:scene:visit" already shown
    this.started = 0;           // when the current scene was shown (seconds of a decision)
    this.vote = null;           // the vote in progress: {choices, tally, onDecide}
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
  setup(start) {
    const dialog = this.$("class-setup");
    const form = this.$("class-form");
    const teams = { ...this.defaultTeams(), ...this.options.teamOf };
    this.$("class-teams").replaceChildren(...this.engine.story.people.map((p) => this.el("label", {},
      `${p.name} (${p.role}): `, this.el("input", { name: `team-${p.id}`, value: teams[p.id], maxlength: "30" }))));
    form.pauses.checked = this.options.pauses; form.votes.checked = this.options.votes;
    form.teams.checked = this.options.teams;
    this.$("btn-class-start").onclick = (e) => {
      e.preventDefault();
      const teamOf = {};
      for (const p of this.engine.story.people) teamOf[p.id] = form[`team-${p.id}`].value.trim() || `Team ${p.short}`;
      this.options = { pauses: form.pauses.checked, votes: form.votes.checked, teams: form.teams.checked, teamOf };
      dialog.close();
      this.begin();
      start();
    };
    dialog.showModal();
  }

  begin() {
    this.active = true;
    this.seen = new Set();
    document.documentElement.classList.add("classroom");
  }

  stop() {
    if (!this.active) return;
    this.active = false;
    this.storage.remove(STORE);
    document.documentElement.classList.remove("classroom");
    this.engine.act({ do: "class_end" });
  }

  persist() {
    if (!this.active) return;
    const record = this.engine.act({ do: "class_record" }).record;
    this.storage.set(STORE, { options: this.options, record, seen: [...this.seen] });
  }

  restore() {
    const kept = this.storage.get(STORE);
    if (!kept) { if (this.active) this.stop(); return; }
    try { this.engine.act({ do: "class_restore", record: kept.record }); } catch (err) {
      this.message("Classroom mode", [err.message]); return;
    }
    this.options = kept.options; this.begin();
    this.seen = new Set(kept.seen || []);
  }

  team(scene) {
    return this.active && this.options.teams && scene.pov ? this.options.teamOf[scene.pov] || null : null;
  }

  // ---------------------------------------------------------------- a scene
  decorate(scene) {
    const fact = this.$("scene-fact"), discuss = this.$("scene-discuss");
    fact.hidden = !scene.fact;
    if (scene.fact) fact.replaceChildren(...this.factCard(scene.fact));
    discuss.hidden = !(this.active && this.options.pauses && scene.discuss);
    discuss.querySelector("p").textContent = scene.discuss || "";
    const team = this.team(scene);
    this.$("scene-team").textContent = team ? `${team} decides` : "";
    this.$("scene-team").hidden = !team;
    this.started = performance.now();
    if (this.active) this.cards(scene);
  }

  factCard(f) {
    return [this.el("h3", {}, f.title), f.figure ? this.el("p", { class: "figure" }, f.figure) : null,
      ...f.text.map((t) => this.el("p", {}, t)), this.el("p", { class: "source" }, `Source: ${f.source}`)];
  }

  cards(scene) {
    // Full-screen for the class, once per visit: the fact card first, then the discussion pause.
    const visit = window.lth.view().decisions;
    const due = [];
    if (scene.fact && !this.seen.has(`fact:${scene.id}:${visit}`)) due.push(["fact", scene]);
    if (scene.discuss && this.options.pauses && !this.seen.has(`discuss:${scene.id}:${visit}`)) due.push(["discuss", scene]);
    const next = () => {
      const item = due.shift();
      if (!item) return;
      const [kind] = item;
      this.seen.add(`${kind}:${scene.id}:${visit}`);
      this.engine.act({ do: "class_seen", prompt: kind === "discuss", fact: kind === "fact" });
      const card = this.$("class-card");
      this.$("class-card-kind").textContent = kind === "fact" ? "Fact card" : "Discuss";
      this.$("class-card-body").replaceChildren(...(kind === "fact" ? this.factCard(scene.fact)
        : [this.el("p", { class: "question" }, scene.discuss)]));
      // The next card opens at once (a dialog's close event would come later, after it).
      const ok = () => { card.close(); this.persist(); next(); };
      this.$("btn-class-card-ok").onclick = ok;
      card.oncancel = (e) => { e.preventDefault(); ok(); };
      card.showModal();
      this.$("btn-class-card-ok").focus();
    };
    next();
  }

  // ---------------------------------------------------------------- the vote
  voting(scene) {
    return this.active && this.options.votes && !scene.is_over
      && scene.choices.filter((c) => c.available && !c.is_continue).length > 1;
  }

  openVote(scene, selected, onDecide) {
    const choices = scene.choices.filter((c) => c.available);
    const chosen = choices.find((c) => c.number === selected) || choices[0];
    this.vote = { choices, tally: Object.fromEntries(choices.map((c) => [c.id, 0])), onDecide, tie: [],
                  selected: chosen.id };
    const team = this.team(scene);
    this.$("vote-title").textContent = team ? `${team}: vote` : "Class vote";
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
        this.el("button", { onclick: () => this.onChange() }, "Back to the ending")),
      frame);
    this.show("report");
  }
}

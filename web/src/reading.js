// Projector reading in class, as on the desktop (game/ui/pages.py): the scene's text shows a page
// at a time and never scrolls by itself. A page is what fits in the text's box from its top line;
// the last page keeps the room of the choices, which come when the text is read. The text appears
// up to the page's end (at the pace of reading aloud, or the whole page at once), then the teacher
// turns the page: Space, Enter, →, a click or a number key shows the rest of the page, then the
// next one, whose first line is the first line the last page could not show whole. The layout is
// the browser's, so the pages are found here; what the text says and when it is read is the engine's.

export class PagedText {
  // `box` is the text's element (its height the page's, its overflow hidden); `texts` the
  // paragraphs; `speed` characters a second (0: each page whole); `choiceRoom()` the height the
  // choices will take under the last page; `hint(text)` shows the page hint; `done()` once the
  // last page shows whole.
  constructor({ box, texts, speed, choiceRoom, hint, done }) {
    Object.assign(this, { box, texts, speed, choiceRoom, hint, done });
    this.total = texts.reduce((n, t) => n + t.length, 0);
    this.revealed = 0;     // characters shown, over all paragraphs
    this.page = 0;         // the page in view
    this.timer = null;
    box.replaceChildren();
    box.scrollTop = 0;
    this.paras = texts.map((t) => {
      const shown = document.createElement("span");
      const rest = document.createElement("span");
      rest.className = "untyped"; rest.setAttribute("aria-hidden", "true"); rest.textContent = t;
      const reader = document.createElement("span"); reader.className = "sr-only"; reader.textContent = t;
      const seen = document.createElement("span"); seen.setAttribute("aria-hidden", "true");
      seen.append(shown, rest);
      const p = document.createElement("p"); p.append(reader, seen);
      box.append(p);
      return { text: t, p, shown, rest };
    });
    // Room under the text, so that any page can be scrolled to the top of the box (its first line
    // at the top, as on the desktop), the last one too.
    this.room = document.createElement("div"); this.room.setAttribute("aria-hidden", "true");
    box.append(this.room);
    this.layout();
    this.startPage();
  }

  get reading() { return this.revealed < this.total; }

  // ------------------------------------------------------------ layout: lines and pages
  // Every line of the text: {start (character over all paragraphs), top, bottom} in the box's
  // scroll coordinates, measured on the laid-out text (the untyped rest keeps its room).
  lines() {
    const lines = [];
    const origin = this.box.getBoundingClientRect().top - this.box.scrollTop;
    let offset = 0;
    for (const para of this.paras) {
      const rect = para.p.getBoundingClientRect();
      const starts = this.lineStarts(para);
      const height = rect.height / Math.max(1, starts.length);
      starts.forEach((start, i) => lines.push({
        start: offset + start, top: rect.top - origin + i * height, bottom: rect.top - origin + (i + 1) * height,
      }));
      offset += para.text.length;
    }
    return lines;
  }

  // Where each line of a paragraph starts (character indices): found by the characters' tops.
  lineStarts(para) {
    const n = para.text.length;
    if (!n) return [0];
    const top = (i) => this.charTop(para, i);
    const starts = [0];
    let at = 0;
    while (at < n) {
      const lineTop = top(at);
      let lo = at + 1, hi = n;  // the first character below this line (n: none)
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (top(mid) > lineTop + 1) hi = mid; else lo = mid + 1;
      }
      if (lo >= n) break;
      starts.push(lo);
      at = lo;
    }
    return starts;
  }

  charTop(para, i) {
    const typed = para.shown.firstChild ? para.shown.firstChild.length : 0;
    const node = i < typed ? para.shown.firstChild : para.rest.firstChild;
    const range = document.createRange();
    const at = i < typed ? i : i - typed;
    range.setStart(node, at); range.setEnd(node, at + 1);
    return range.getBoundingClientRect().top;
  }

  // The pages as game/ui/pages.py makes them: each from its first line's top, ending before the
  // first line it cannot show whole; the last page also leaves the choices their room.
  layout() {
    const lines = this.lines();
    const height = this.box.clientHeight;
    this.room.style.height = `${height}px`;
    const last = Math.max(1, height - this.choiceRoom());
    const pages = [];
    let first = 0;
    for (;;) {
      const top = lines[first].top;
      const below = lines.findIndex((l, i) => i > first && l.bottom > top + height + 1);
      if (below < 0) {  // the rest fits in a page: and with the choices under it?
        const under = lines.findIndex((l, i) => i > first && l.bottom > top + last + 1);
        if (under < 0) { pages.push({ first, top, end: this.total }); break; }
        pages.push({ first, top, end: lines[under].start });
        first = under;
        continue;
      }
      pages.push({ first, top, end: lines[below].start });
      first = below;
    }
    this.pages = pages;
  }

  // After the window changed size: the pages again, the page in view the one with the first
  // character the teacher has not turned past.
  relayout() {
    const at = this.page > 0 ? this.pages[this.page - 1].end : 0;  // the page's first character
    this.layout();
    this.page = Math.max(0, this.pages.findIndex((p) => p.end > at || p.end >= this.total));
    this.box.scrollTop = this.pages[this.page].top;
    this.showHint();
  }

  // ------------------------------------------------------------ reading
  startPage() {
    this.box.scrollTop = this.pages[this.page].top;
    const end = this.pages[this.page].end;
    if (this.speed <= 0) { this.reveal(end); this.showHint(); this.check(); return; }
    const from = this.revealed, began = performance.now();
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      this.reveal(Math.min(end, from + Math.floor(((performance.now() - began) / 1000) * this.speed)));
      if (this.revealed >= end) { clearInterval(this.timer); this.timer = null; this.showHint(); this.check(); }
    }, 1000 / 30);
    this.showHint();
  }

  reveal(upTo) {
    this.revealed = Math.max(this.revealed, upTo);
    let left = this.revealed;
    for (const para of this.paras) {
      const n = Math.min(para.text.length, Math.max(0, left));
      if (para.shown.textContent.length !== n) {
        para.shown.textContent = para.text.slice(0, n); para.rest.textContent = para.text.slice(n);
      }
      left -= para.text.length;
    }
  }

  // Space, Enter, →, a click or a number: the rest of the page, else the next page.
  advance() {
    const page = this.pages[this.page];
    if (this.revealed < page.end) {
      clearInterval(this.timer); this.timer = null;
      this.reveal(page.end);
      this.showHint();
      this.check();
    } else if (this.page + 1 < this.pages.length) {
      this.page += 1;
      this.startPage();
    }
  }

  check() {
    if (!this.reading) { this.stop(); this.hint(""); this.done(); }
  }

  stop() { clearInterval(this.timer); this.timer = null; }

  showHint() {
    const count = this.pages.length;
    const where = count > 1 ? `Page ${this.page + 1} of ${count} · ` : "";
    if (!this.reading) return;
    this.hint(where + (this.revealed < this.pages[this.page].end ? "Space: the whole page" : "Space or →: next page"));
  }
}

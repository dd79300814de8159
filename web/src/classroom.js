// Classroom mode is not in the browser edition yet: these hooks keep the single-player game
// unchanged until it is (the title screen hides its Classroom button).
export class Classroom {
  constructor(ctx) { this.ctx = ctx; this.active = false; }
  setup() {}
  stop() {}
  restore() {}
  persist() {}
  decorate() {}
  voting() { return false; }
  beforeChoice() {}
  afterChoice() {}
  undone() {}
  finished() {}
}

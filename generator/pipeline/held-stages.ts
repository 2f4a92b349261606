/**
 * Stage reports held back while a spec's validation runs on another thread (see
 * background-validation.ts), then given in the order a validation in turn gives them: the progress
 * lines of a generation read the same however it was validated, and a spec that fails shows the
 * stages that would have run before it failed, not the ones built on it meanwhile.
 */

/** The stages of the front-end that come before anything is built on the document. */
const FRONT_END = new Set(['load', 'validate', 'convert']);

/** Reports a finished stage; generation of a large spec takes seconds, so the CLI shows each stage. */
export type StageListener = (stage: string, ms: number) => void;

/** A stage listener that holds reports until told how the spec's checks ended. */
export class HeldStages {
  readonly #listener: StageListener | undefined;
  #held: [string, number][] = [];
  #open = false;

  constructor(listener: StageListener | undefined) {
    this.#listener = listener;
  }

  /** Receives each finished stage. */
  readonly onStage: StageListener = (stage, ms) => {
    if (this.#open) this.#listener?.(stage, ms);
    else this.#held.push([stage, ms]);
  };

  /**
   * The checks passed (or failed, `passed` false): reports what a run in turn would have reported by
   * now, `validate` right after `load`, and lets later stages through.
   */
  release(passed: boolean): void {
    const validated = this.#held.some(([stage]) => stage === 'validate');
    // A spec refused by validation would have stopped after loading; one refused by tokenkit's own checks, after converting.
    const kept = passed ? this.#held : this.#held.filter(([stage]) => (validated ? FRONT_END.has(stage) : stage === 'load'));
    const rank = (stage: string) => (stage === 'load' ? 0 : stage === 'validate' ? 1 : 2);
    // Array sort is stable: the other stages keep the order they finished in.
    const ordered = [...kept].sort(([a], [b]) => rank(a) - rank(b));
    this.#held = [];
    this.#open = true;
    for (const [stage, ms] of ordered) this.#listener?.(stage, ms);
  }
}

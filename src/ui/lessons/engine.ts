/**
 * The guided lessons' engine: a lesson is a list of steps, each with what to do and a `done` check
 * over the page's snapshot (liveSnapshot.ts) — now, and as it was when the step began. The engine
 * only keeps the position and notices when a check holds; it never changes the page, so a student
 * can skip, go back or leave at any time and explore freely in between. Pure: no DOM, no clock.
 */
import type { LiveSnapshot } from '../liveSnapshot';

export interface LessonStep {
  /** a few words, shown as the step's heading */
  title: string;
  /** what to do and what to look at, one or two sentences */
  task: string;
  /**
   * Holds once the student has done the task. `atStart` is the snapshot when the step began (so a
   * step can ask for a burst *since then*). Omitted: a step to read, finished with Next.
   */
  done?(now: LiveSnapshot, atStart: LiveSnapshot): boolean;
  /** said when the check holds (it may quote the moment: "the first burst, at t = 4.2 s") */
  doneText?(now: LiveSnapshot, atStart: LiveSnapshot): string;
}

export interface Lesson {
  /** 1, 2, 3…: its number in the list and in the URL (?lesson=2) */
  id: number;
  title: string;
  /** one sentence: what the lesson shows */
  summary: string;
  steps: readonly LessonStep[];
}

/** Where a lesson stands: the step shown, and what its check said (null while it waits). */
export interface LessonPosition {
  lesson: Lesson;
  /** 0-based */
  stepIndex: number;
  /** the step's check has held (latched: undoing the task later does not take it back) */
  stepDone: boolean;
  /** said when the check held; null before (or for a step to read) */
  doneText: string | null;
  /** past the last step */
  finished: boolean;
}

export class LessonRun {
  private index: number;
  private atStart: LiveSnapshot | null = null;
  private doneText: string | null = null;
  private stepDone = false;

  /** Starts `lesson` at `stepIndex` (0-based; clamped into the lesson). */
  constructor(
    readonly lesson: Lesson,
    stepIndex = 0,
  ) {
    if (lesson.steps.length === 0) throw new Error(`Lesson ${lesson.id} has no steps`);
    this.index = Math.min(Math.max(0, Math.trunc(stepIndex)), lesson.steps.length - 1);
  }

  get position(): LessonPosition {
    const finished = this.index >= this.lesson.steps.length;
    return { lesson: this.lesson, stepIndex: Math.min(this.index, this.lesson.steps.length - 1), stepDone: this.stepDone, doneText: this.doneText, finished };
  }

  /** The step shown (the last one once finished). */
  get step(): LessonStep {
    return this.lesson.steps[Math.min(this.index, this.lesson.steps.length - 1)];
  }

  /**
   * Checks the present step against the page. The first snapshot a step sees is its start. Returns
   * true when this call found the step done (once per step), so the caller says it only once.
   */
  observe(now: LiveSnapshot): boolean {
    if (this.position.finished) return false;
    if (this.atStart === null) this.atStart = now;
    const step = this.step;
    if (this.stepDone || !step.done) return false;
    if (!step.done(now, this.atStart)) return false;
    this.stepDone = true;
    this.doneText = step.doneText ? step.doneText(now, this.atStart) : 'Done.';
    return true;
  }

  /** The next step, whether or not this one's check held (skipping is always allowed). */
  next(): void {
    if (this.position.finished) return;
    this.index++;
    this.enterStep();
  }

  back(): void {
    if (this.index === 0) return;
    this.index = Math.min(this.index, this.lesson.steps.length) - 1;
    this.enterStep();
  }

  private enterStep(): void {
    this.atStart = null;
    this.doneText = null;
    this.stepDone = false;
  }
}

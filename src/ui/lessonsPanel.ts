/**
 * The guided lessons' bar under the top bar (#lesson): the list of lessons, or the present step —
 * where it is, what to do, and what the page noticed ("✓ The first burst was detected at t = 4.2 s").
 * It never blocks the page: Back, Next (Skip while the step waits) and Close are always there, and
 * every control of the lab stays usable during a lesson. The engine (lessons/engine.ts) decides;
 * this class only shows its position, keeps the address on it (?lesson=2&step=3) and says a step's
 * success through the announcer.
 */
import { byId, setText } from './dom';
import { LessonRun } from './lessons/engine';
import { LESSONS, lessonById } from './lessons/lessons';
import type { LessonPlace } from './lessons/lessonUrl';
import type { LiveSnapshot } from './liveSnapshot';

export interface LessonsHost {
  /** the lesson's place changed (or it ended): the address follows */
  placeChanged(): void;
  /** says a sentence to screen readers */
  announce(text: string): void;
}

export class LessonsPanel {
  private run: LessonRun | null = null;
  private readonly bar: HTMLElement;
  private readonly openButton: HTMLButtonElement;
  private readonly list: HTMLOListElement;
  private readonly stepBox: HTMLElement;
  private readonly where: HTMLElement;
  private readonly task: HTMLElement;
  private readonly doneLine: HTMLElement;
  private readonly back: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly title: HTMLElement;
  private last: LiveSnapshot | null = null;

  constructor(
    doc: Document,
    private readonly host: LessonsHost,
  ) {
    this.bar = byId(doc, 'lesson');
    this.openButton = byId(doc, 'lessons-open');
    this.list = byId(doc, 'lesson-list');
    this.stepBox = byId(doc, 'lesson-step');
    this.where = byId(doc, 'lesson-where');
    this.task = byId(doc, 'lesson-task');
    this.doneLine = byId(doc, 'lesson-done');
    this.back = byId(doc, 'lesson-back');
    this.next = byId(doc, 'lesson-next');
    this.title = byId(doc, 'lesson-title');
    for (const lesson of LESSONS) {
      const item = doc.createElement('li');
      const button = doc.createElement('button');
      button.type = 'button';
      button.dataset.lesson = String(lesson.id);
      const name = doc.createElement('strong');
      name.textContent = `${lesson.id}. ${lesson.title}`;
      const summary = doc.createElement('span');
      summary.textContent = lesson.summary;
      button.append(name, summary);
      button.addEventListener('click', () => this.start({ lesson: lesson.id, stepIndex: 0 }));
      item.append(button);
      this.list.append(item);
    }
    this.openButton.addEventListener('click', () => this.toggle());
    byId(doc, 'lesson-close').addEventListener('click', () => this.close());
    this.back.addEventListener('click', () => this.move(-1));
    this.next.addEventListener('click', () => this.move(1));
    this.show();
  }

  /** The lesson's place for the address; null when no lesson runs. */
  get place(): LessonPlace | null {
    if (!this.run) return null;
    const p = this.run.position;
    return p.finished ? null : { lesson: p.lesson.id, stepIndex: p.stepIndex };
  }

  get isOpen(): boolean {
    return !this.bar.hidden;
  }

  /** Opens the list of lessons, or closes the bar (and any lesson) when it is open: key L. */
  toggle(): void {
    if (this.isOpen) this.close();
    else this.openList();
  }

  openList(): void {
    this.run = null;
    this.bar.hidden = false;
    this.show();
    this.host.placeChanged();
    (this.list.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  start(place: LessonPlace): void {
    const lesson = lessonById(place.lesson);
    if (!lesson) return;
    this.run = new LessonRun(lesson, place.stepIndex);
    this.bar.hidden = false;
    if (this.last) this.run.observe(this.last);
    this.show();
    this.host.placeChanged();
  }

  close(): void {
    this.run = null;
    this.bar.hidden = true;
    this.show();
    this.host.placeChanged();
  }

  /** The page as it is now: the step's check runs, and a success is shown and said once. */
  observe(snapshot: LiveSnapshot): void {
    this.last = snapshot;
    if (!this.run || !this.run.observe(snapshot)) return;
    this.show();
    this.host.announce(`Step done: ${this.run.position.doneText ?? ''}`);
  }

  private move(by: 1 | -1): void {
    const run = this.run;
    if (!run) return;
    if (by > 0) run.next();
    else run.back();
    if (!run.position.finished && this.last) run.observe(this.last);
    this.show();
    this.host.placeChanged();
    if (run.position.finished) this.host.announce(`Lesson ${run.lesson.id} finished.`);
    else this.host.announce(`Step ${run.position.stepIndex + 1}: ${run.step.title}. ${run.step.task}`);
  }

  private show(): void {
    const run = this.run;
    const open = this.isOpen;
    this.openButton.setAttribute('aria-expanded', String(open));
    this.list.hidden = run !== null;
    this.stepBox.hidden = run === null;
    this.back.hidden = run === null;
    this.next.hidden = run === null;
    if (!run) {
      setText(this.title, 'Guided lessons');
      setText(this.where, 'Short walks through the lab; every control stays yours.');
      return;
    }
    const p = run.position;
    const steps = run.lesson.steps.length;
    setText(this.title, `Lesson ${run.lesson.id}: ${run.lesson.title}`);
    if (p.finished) {
      setText(this.where, `Finished: all ${steps} steps.`);
      setText(this.task, 'Explore freely, or choose another lesson with the Lessons button.');
      setText(this.doneLine, '');
      this.doneLine.dataset.state = 'finished';
      this.next.hidden = true;
      this.back.disabled = false;
      return;
    }
    const step = run.step;
    setText(this.where, `Step ${p.stepIndex + 1} of ${steps}: ${step.title}`);
    setText(this.task, step.task);
    const state = p.stepDone ? 'done' : step.done ? 'waiting' : 'read';
    this.doneLine.dataset.state = state;
    setText(this.doneLine, p.stepDone ? `✓ ${p.doneText}` : step.done ? 'Waiting for you…' : '');
    this.back.disabled = p.stepIndex === 0;
    const last = p.stepIndex === steps - 1;
    this.next.textContent = state === 'waiting' ? 'Skip' : last ? 'Finish' : 'Next';
    this.next.classList.toggle('primary', state !== 'waiting');
  }
}

import { describe, expect, it } from 'vitest';
import { LessonRun } from '../../../../src/ui/lessons/engine';
import type { Lesson } from '../../../../src/ui/lessons/engine';
import { LESSONS, lessonById } from '../../../../src/ui/lessons/lessons';
import { emptySnapshot } from '../../../../src/ui/liveSnapshot';
import type { LiveSnapshot } from '../../../../src/ui/liveSnapshot';

const running = (patch: Partial<LiveSnapshot> = {}): LiveSnapshot => emptySnapshot({ phase: 'running', builds: 1, ...patch });

const TWO_STEPS: Lesson = {
  id: 9,
  title: 'test',
  summary: 'two steps',
  steps: [
    { title: 'low', task: 'lower it', done: (now) => now.mgOutMM < 1, doneText: (now) => `at ${now.mgOutMM}` },
    { title: 'read', task: 'read this' },
  ],
};

describe('LessonRun', () => {
  it('says a step is done once, when its check first holds, and keeps it done', () => {
    const run = new LessonRun(TWO_STEPS);
    expect(run.observe(running({ mgOutMM: 1.2 }))).toBe(false);
    expect(run.position).toMatchObject({ stepIndex: 0, stepDone: false, doneText: null, finished: false });
    expect(run.observe(running({ mgOutMM: 0.5 }))).toBe(true);
    expect(run.position).toMatchObject({ stepDone: true, doneText: 'at 0.5' });
    // the check held once: undoing the task does not take it back, and it is not said again
    expect(run.observe(running({ mgOutMM: 1.2 }))).toBe(false);
    expect(run.position.stepDone).toBe(true);
  });

  it('can skip a step that is not done, go back, and finish', () => {
    const run = new LessonRun(TWO_STEPS);
    run.observe(running());
    run.next();
    expect(run.position).toMatchObject({ stepIndex: 1, stepDone: false, finished: false });
    // a step with no check never reports itself done
    expect(run.observe(running({ mgOutMM: 0 }))).toBe(false);
    run.back();
    expect(run.position.stepIndex).toBe(0);
    run.back();
    expect(run.position.stepIndex).toBe(0);
    run.next();
    run.next();
    expect(run.position.finished).toBe(true);
    expect(run.observe(running({ mgOutMM: 0 }))).toBe(false);
    run.back();
    expect(run.position).toMatchObject({ stepIndex: 1, finished: false });
  });

  it('starts at a deep-linked step, clamped into the lesson', () => {
    expect(new LessonRun(TWO_STEPS, 1).position.stepIndex).toBe(1);
    expect(new LessonRun(TWO_STEPS, 7).position.stepIndex).toBe(1);
    expect(new LessonRun(TWO_STEPS, -3).position.stepIndex).toBe(0);
    expect(() => new LessonRun({ ...TWO_STEPS, steps: [] })).toThrow(/no steps/);
  });

  it('hands a check the snapshot of the moment its step began', () => {
    const seen: number[] = [];
    const lesson: Lesson = { ...TWO_STEPS, steps: [{ title: 't', task: 't', done: (_now, atStart) => (seen.push(atStart.timeMs), false) }] };
    const run = new LessonRun(lesson);
    run.observe(running({ timeMs: 100 }));
    run.observe(running({ timeMs: 600 }));
    expect(seen).toEqual([100, 100]);
  });
});

describe('the lessons', () => {
  it('are lessons 1–3, each with a title, a summary and steps that say what to do', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([1, 2, 3]);
    for (const lesson of LESSONS) {
      expect(lesson.title.length).toBeGreaterThan(5);
      expect(lesson.steps.length).toBeGreaterThanOrEqual(3);
      for (const step of lesson.steps) {
        expect(step.task.length).toBeGreaterThan(20);
        // a step that checks something says what it found
        expect(Boolean(step.done)).toBe(Boolean(step.doneText));
      }
    }
    expect(lessonById(2)?.title).toMatch(/burst/);
    expect(lessonById(4)).toBeNull();
  });

  it('lesson 2 runs end to end on the snapshots a student would produce', () => {
    const run = new LessonRun(lessonById(2)!);
    const said: string[] = [];
    const feed = (s: LiveSnapshot): void => {
      if (run.observe(s)) said.push(run.position.doneText!);
    };
    // 1: a normal bath, watched for 3 s of simulated time
    feed(running({ timeMs: 1000, rateHz: 1.4 }));
    feed(running({ timeMs: 3500, rateHz: 1.4 }));
    expect(run.position.stepDone).toBe(false);
    feed(running({ timeMs: 4100, rateHz: 1.4 }));
    expect(run.position.stepDone).toBe(true);
    run.next();
    // 2: pull the plug
    feed(running({ timeMs: 4500, mgOutMM: 0.6 }));
    expect(run.position.stepDone).toBe(false);
    feed(running({ timeMs: 5000, mgOutMM: 0 }));
    run.next();
    // 3: the first burst since the step began (bursts seen before do not count)
    feed(running({ timeMs: 5200, mgOutMM: 0, bursts: 2 }));
    feed(running({ timeMs: 6000, mgOutMM: 0, bursts: 2, inBurst: true }));
    expect(run.position.stepDone).toBe(false);
    feed(running({ timeMs: 6400, mgOutMM: 0, bursts: 3 }));
    expect(run.position.doneText).toBe('The first burst was detected at t = 6.4 s.');
    run.next();
    // 4: two more — on a rebuilt network its own count starts from zero
    feed(running({ timeMs: 6500, mgOutMM: 0, bursts: 3 }));
    feed(running({ builds: 2, timeMs: 900, mgOutMM: 0, bursts: 1 }));
    expect(run.position.stepDone).toBe(false);
    feed(running({ builds: 2, timeMs: 2100, mgOutMM: 0, bursts: 2 }));
    expect(run.position.stepDone).toBe(true);
    run.next();
    // 5: the plug back
    feed(running({ builds: 2, timeMs: 2600, mgOutMM: 1.2, bursts: 2 }));
    run.next();
    expect(run.position.finished).toBe(true);
    expect(said).toHaveLength(5);
    expect(said[0]).toBe('Quiet: 1.4 Hz per cell.');
  });

  it('lesson 3 notices the sweep start and finish, and not an old finished sweep', () => {
    const run = new LessonRun(lessonById(3)!, 1);
    run.observe(running({ sweep: 'done' }));
    expect(run.position.stepDone).toBe(false);
    run.observe(running({ sweep: 'running' }));
    expect(run.position.doneText).toBe('The sweep is running.');
    run.next();
    run.observe(running({ sweep: 'running' }));
    expect(run.position.stepDone).toBe(false);
    run.observe(running({ sweep: 'done' }));
    expect(run.position.doneText).toMatch(/sweep finished/);
  });

  it('lesson 1 quotes the block from the model, smaller at 2 mM than at 0.4 mM', () => {
    const run = new LessonRun(lessonById(1)!, 2);
    run.observe(running({ mgOutMM: 0.4 }));
    const low = Number(/: ([\d.]+) % unplugged/.exec(run.position.doneText!)?.[1]);
    run.next();
    run.observe(running({ mgOutMM: 2 }));
    const high = Number(/only ([\d.]+) %/.exec(run.position.doneText!)?.[1]);
    expect(low).toBeGreaterThan(high);
    expect(high).toBeGreaterThan(0);
  });
});

/**
 * The choice between one thread and two (src/core/kernel/sliceThreads.ts, ThreadChoice): what the
 * runner and the page do when two threads are slower (busy cores) or faster.
 */
import { describe, expect, it } from 'vitest';
import { ThreadChoice, WARMUP_BATCHES, WARMUP_MS } from '../../../src/core/kernel/sliceThreads';

/** A choice on a clock we move by hand; each batch takes `msPerStep` of its mode over 1000 steps. */
function simulate(costs: { one: number; two: number }, batches: number, startMs = WARMUP_MS) {
  let clock = 0;
  const choice = new ThreadChoice(() => clock);
  clock = startMs;
  const picks: boolean[] = [];
  for (let b = 0; b < batches; b++) {
    const two = choice.twoThreads();
    picks.push(two);
    choice.record(two, (two ? costs.two : costs.one) * 1000, 1000);
    clock += 16;
  }
  return { picks, choice };
}

describe('ThreadChoice', () => {
  it('stays on one thread for the first batches and the first 300 ms', () => {
    const early = simulate({ one: 0.05, two: 0.025 }, 30, 0).picks;
    // batches 1–4 and everything before 300 ms (16 ms per batch: the first 19) run on one thread
    const firstTwo = early.indexOf(true);
    expect(firstTwo).toBeGreaterThanOrEqual(WARMUP_BATCHES);
    expect(firstTwo * 16).toBeGreaterThanOrEqual(WARMUP_MS);
    expect(firstTwo).toBe(Math.ceil(WARMUP_MS / 16));
  });

  it('keeps two threads when they are faster, trying one thread again every 8th batch', () => {
    const { picks, choice } = simulate({ one: 0.05, two: 0.04 }, 100);
    const after = picks.slice(WARMUP_BATCHES);
    const oneThread = after.filter((p) => !p).length;
    expect(oneThread).toBeGreaterThanOrEqual(10); // every 8th of 96
    expect(oneThread).toBeLessThanOrEqual(14);
    expect(choice.msPerStep[1]).toBeCloseTo(0.04, 9);
    expect(choice.msPerStep[0]).toBeCloseTo(0.05, 9);
  });

  it('falls back to one thread when two are far slower, and retries them only every 64th batch', () => {
    const { picks } = simulate({ one: 0.05, two: 0.5 }, 200);
    const after = picks.slice(WARMUP_BATCHES);
    const twoThreads = after.filter((p) => p).length;
    expect(after[0]).toBe(true); // tried once
    expect(twoThreads).toBeGreaterThanOrEqual(2);
    expect(twoThreads).toBeLessThanOrEqual(5); // the first try, then every 64th
  });

  it('follows a change: two threads become slower when the cores get busy', () => {
    let clock = WARMUP_MS;
    const choice = new ThreadChoice(() => clock);
    let costTwo = 0.02;
    const picks: boolean[] = [];
    for (let b = 0; b < 300; b++) {
      if (b === 100) costTwo = 0.2; // another program takes a core
      const two = choice.twoThreads();
      picks.push(two);
      choice.record(two, (two ? costTwo : 0.05) * 1000, 1000);
      clock += 16;
    }
    expect(picks.slice(50, 100).filter((p) => p).length).toBeGreaterThan(40);
    expect(picks.slice(150, 300).filter((p) => p).length).toBeLessThan(10);
  });
});

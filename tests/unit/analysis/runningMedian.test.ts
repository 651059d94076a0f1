import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { RunningMedian } from '../../../src/analysis/runningMedian';

describe('RunningMedian', () => {
  it('is the exact median of the last `capacity` values', () => {
    const rng = Rng.fromSeed(7);
    const capacity = 31;
    const m = new RunningMedian(capacity);
    const all: number[] = [];
    for (let k = 0; k < 500; k++) {
      const v = Math.floor(rng.uniform() * 20); // many ties
      m.push(v);
      all.push(v);
      const window = all.slice(-capacity).sort((a, b) => a - b);
      const c = window.length;
      const expected = c % 2 ? window[(c - 1) / 2] : 0.5 * (window[c / 2 - 1] + window[c / 2]);
      expect(m.median()).toBe(expected);
    }
    expect(m.size).toBe(capacity);
  });

  it('is NaN when empty and rejects a bad capacity', () => {
    expect(new RunningMedian(3).median()).toBeNaN();
    expect(() => new RunningMedian(0)).toThrow(RangeError);
  });
});

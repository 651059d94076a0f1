import { describe, expect, it } from 'vitest';
import { ProbeTrace } from '../../../src/render/probeTrace';

describe('probe trace', () => {
  it('averages samples into 5 ms buckets and marks a reset as a spike', () => {
    const t = new ProbeTrace();
    for (let k = 0; k < 50; k++) t.add(k * 0.1, -55 + (k === 30 ? -5 : 0), -10, 0.1);
    t.add(5.0, -60, -20, 0.05);
    expect(t.newest).toBe(1);
    expect(t.n[0]).toBe(50);
    expect(t.v[0] / t.n[0]).toBeCloseTo(-55.1, 5);
    expect(t.spiked[0]).toBe(1); // −55 → −60 at k = 30
    expect(t.spiked[1]).toBe(1); // −55 → −60 again
    expect(t.i[1]).toBe(-20);
  });

  it('is a ring: old buckets are cleared as time moves on, memory stays the same', () => {
    const t = new ProbeTrace();
    t.add(0, -70, 0, 0);
    t.add(10_000, -65, -1, 0.2);
    const held = Array.from(t.n).reduce((a, b) => a + b, 0);
    expect(held).toBe(1);
    const length = t.v.length;
    for (let ms = 0; ms < 60_000; ms += 0.5) t.add(ms + 10_000, -60, 0, 0.3);
    expect(t.v.length).toBe(length);
  });
});

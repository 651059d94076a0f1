import { describe, expect, it } from 'vitest';
import { ChangeLatency, LATENCY_KEPT } from '../../../src/ui/changeLatency';

describe('ChangeLatency', () => {
  it('ends a change at the first draw after a frame carrying its value, not before', () => {
    const latency = new ChangeLatency();
    latency.changed(0.4, 1000);
    latency.frame(1.2); // the chunk in flight still ran with the old value
    expect(latency.drawn(1030)).toBeNull();
    latency.frame(0.4);
    expect(latency.drawn(1120)).toBe(120);
    expect(latency.drawn(1140)).toBeNull(); // counted once
    expect(latency.figures()).toEqual({ medianMs: 120, p95Ms: 120, count: 1 });
  });

  it('a newer change replaces one under way: the latest value is what is waited for', () => {
    const latency = new ChangeLatency();
    latency.changed(0.4, 1000);
    latency.changed(0.35, 1050);
    latency.frame(0.4);
    expect(latency.drawn(1100)).toBeNull();
    latency.frame(0.35);
    expect(latency.drawn(1200)).toBe(150);
  });

  it('keeps the latest changes for a median and a 95th percentile', () => {
    const latency = new ChangeLatency();
    for (let k = 0; k < LATENCY_KEPT + 5; k++) {
      latency.changed(k, 0);
      latency.frame(k);
      latency.drawn(k < 5 ? 10_000 : 100 + k); // the first five fall out of the window
    }
    const f = latency.figures();
    expect(f.count).toBe(LATENCY_KEPT);
    expect(f.medianMs).toBeCloseTo(100 + (5 + LATENCY_KEPT + 4) / 2, 9);
    expect(f.p95Ms).toBeLessThan(200);
    expect(new ChangeLatency().figures().count).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { NextEventWatch, SKIP_LIMIT_MS } from '../../../src/ui/lectureTime';
import { IonHistory, ION_SAMPLE_MS, ION_TRACE_WINDOW_MS } from '../../../src/ui/ionsPanel';
import { SpikeRing } from '../../../src/ui/spikeRing';
import type { Frame } from '../../../src/protocol/types';

describe('NextEventWatch', () => {
  it('arrives when an ictal event begins', () => {
    const w = new NextEventWatch({ inIctalEvent: false }, 0);
    expect(w.frame({ inIctalEvent: false }, 1000)).toBe('skipping');
    expect(w.frame({ inIctalEvent: true }, 2000)).toBe('arrived');
  });

  it('skips an event already under way and waits for the next one', () => {
    const w = new NextEventWatch({ inIctalEvent: true }, 0);
    expect(w.frame({ inIctalEvent: true }, 1000)).toBe('skipping');
    expect(w.frame({ inIctalEvent: false }, 2000)).toBe('skipping');
    expect(w.frame({ inIctalEvent: true }, 3000)).toBe('arrived');
  });

  it('gives up after SKIP_LIMIT_MS of simulated time without one', () => {
    const w = new NextEventWatch(null, 10_000);
    expect(w.frame({ inIctalEvent: false }, 10_000 + SKIP_LIMIT_MS)).toBe('skipping');
    expect(w.frame({ inIctalEvent: false }, 10_001 + SKIP_LIMIT_MS)).toBe('gave-up');
  });
});

describe('IonHistory', () => {
  const frame = (endMs: number, k: number, ictal = false): Frame =>
    ({
      endStep: endMs * 10,
      dtMs: 0.1,
      analysis: { inIctalEvent: ictal },
      ions: { kOutMeanMM: k, kOutMaxMM: k + 1, naInMeanMM: 10, eKMeanMV: -90 },
    }) as unknown as Frame;

  it('keeps one sample per ION_SAMPLE_MS over the last minute, and none with fixed ions', () => {
    const h = new IonHistory();
    for (let t = 0; t <= 2 * ION_TRACE_WINDOW_MS; t += 50) h.add(frame(t, 3.5 + t / 1e5));
    expect(h.samples.length).toBeLessThanOrEqual(ION_TRACE_WINDOW_MS / ION_SAMPLE_MS + 1);
    expect(h.samples[0].timeMs).toBeGreaterThanOrEqual(ION_TRACE_WINDOW_MS);
    expect(h.samples.at(-1)!.kMaxMM).toBeCloseTo(h.samples.at(-1)!.kMeanMM + 1);
    const n = h.samples.length;
    h.add({ ...frame(3 * ION_TRACE_WINDOW_MS, 4), ions: null } as Frame);
    expect(h.samples.length).toBe(n);
  });
});

describe('SpikeRing.between', () => {
  it('returns the spikes of a span, oldest first, across the ring’s wrap', () => {
    const ring = new SpikeRing(100, 8);
    ring.clear(0.1);
    ring.add(Uint32Array.of(1, 2, 3, 4, 5), Uint32Array.of(10, 20, 30, 40, 50), 60);
    ring.add(Uint32Array.of(6, 7, 8, 9), Uint32Array.of(60, 70, 80, 90), 100);
    const { ids, steps } = ring.between(30, 80);
    expect(Array.from(ids)).toEqual([3, 4, 5, 6, 7]);
    expect(Array.from(steps)).toEqual([30, 40, 50, 60, 70]);
    expect(Array.from(ring.between(200, 300).ids)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { FpsMeter, formatStatus } from '../../../src/ui/status';
import { LatestOnly } from '../../../src/ui/latest';

describe('formatStatus', () => {
  it('reads like the issue’s example', () => {
    expect(
      formatStatus({ timeMs: 12_345, mgOutMM: 0.4, rateHz: 6.14, bursts: 3, realtimeFactor: 1, fps: 59.7, paused: false }),
    ).toBe('t 12.3 s · Mg 0.40 mM · rate 6.1 Hz · bursts 3 · 1.0× real time · 60 fps');
  });

  it('says paused instead of a real-time factor', () => {
    expect(formatStatus({ timeMs: 0, mgOutMM: 1.2, rateHz: 0, bursts: 0, realtimeFactor: 0, fps: 60, paused: true })).toBe(
      't 0.0 s · Mg 1.20 mM · rate 0.0 Hz · bursts 0 · paused · 60 fps',
    );
  });

  it('keeps slow factors readable', () => {
    expect(formatStatus({ timeMs: 0, mgOutMM: 0, rateHz: 250.4, bursts: 12, realtimeFactor: 0.04, fps: 30, paused: false })).toContain(
      'rate 250 Hz · bursts 12 · 0.04× real time',
    );
  });
});

describe('FpsMeter', () => {
  it('counts frames over the last second', () => {
    const meter = new FpsMeter();
    for (let k = 0; k <= 120; k++) meter.tick(k * (1000 / 60));
    expect(meter.fps(2000)).toBeCloseTo(60, 0);
    expect(new FpsMeter().fps(0)).toBe(0);
  });
});

describe('LatestOnly', () => {
  it('keeps one call in flight and ends on the last value', async () => {
    const sent: number[] = [];
    const resolvers: (() => void)[] = [];
    const latest = new LatestOnly<number>((v) => {
      sent.push(v);
      return new Promise<void>((resolve) => resolvers.push(resolve));
    });
    for (const v of [1, 2, 3, 4]) latest.push(v);
    expect(sent).toEqual([1]);
    resolvers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual([1, 4]);
    resolvers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(latest.busy).toBe(false);
  });

  it('reports a failed call and carries on', async () => {
    const errors: number[] = [];
    const latest = new LatestOnly<number>(
      (v) => (v === 1 ? Promise.reject(new Error('no')) : Promise.resolve()),
      (_e, v) => errors.push(v),
    );
    latest.push(1);
    latest.push(2);
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toEqual([1]);
    expect(latest.busy).toBe(false);
  });
});

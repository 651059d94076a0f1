import { describe, expect, it } from 'vitest';
import { FpsMeter, formatStatus as formatWithNoBreaks, parseStatus } from '../../../src/ui/status';
import type { StatusValues } from '../../../src/ui/status';
import { LatestOnly } from '../../../src/ui/latest';

/** The line as read aloud: its no-break spaces (which keep each part on one line) as plain ones. */
function formatStatus(v: StatusValues): string {
  return formatWithNoBreaks(v).replaceAll('\u00a0', ' ');
}

describe('the status line wraps only between its parts', () => {
  const during: StatusValues = { timeMs: 9_000, mgOutMM: 0, rateHz: 20.3, bursts: 2, kOutMaxMM: 11.84, ictalEvents: 0, inIctalEvent: true, realtimeFactor: 1, fps: 60, paused: false };
  it('holds each part together with no-break spaces, the parts apart with plain ones', () => {
    const line = formatWithNoBreaks(during);
    const parts = line.split(' · ');
    expect(parts).toEqual(['t 9.0 s', 'Mg 0.00 mM', 'K 11.8 mM', 'ictal 1 under way', 'rate 20.3 Hz', 'bursts 2', '1.0× real time', '60 fps'].map((p) => p.replaceAll(' ', '\u00a0')));
    expect(parts.every((p) => !p.includes(' '))).toBe(true);
  });
  it('reads back with or without them', () => {
    expect(parseStatus(formatWithNoBreaks(during))).toEqual(parseStatus(formatStatus(during)));
    expect(parseStatus(formatWithNoBreaks(during))?.inIctalEvent).toBe(true);
  });
});

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

describe('formatStatus with ions moving', () => {
  const base = { timeMs: 9_000, mgOutMM: 0, rateHz: 20.3, bursts: 2, realtimeFactor: 1, fps: 60, paused: false };
  it('gives the highest [K+]o and says when an ictal event is under way', () => {
    expect(formatStatus({ ...base, kOutMaxMM: 11.84, ictalEvents: 0, inIctalEvent: true })).toBe(
      't 9.0 s · Mg 0.00 mM · K 11.8 mM · ictal 1 under way · rate 20.3 Hz · bursts 2 · 1.0× real time · 60 fps',
    );
    expect(formatStatus({ ...base, kOutMaxMM: 4.2, ictalEvents: 1, inIctalEvent: false })).toContain('K 4.2 mM · ictal 1 · rate 20.3 Hz · bursts 2 · 1.0×');
  });
  it('shows neither with fixed ions', () => {
    expect(formatStatus({ ...base, kOutMaxMM: null, ictalEvents: 3, inIctalEvent: true })).toBe(
      't 9.0 s · Mg 0.00 mM · rate 20.3 Hz · bursts 2 · 1.0× real time · 60 fps',
    );
  });
  it('reads them back', () => {
    for (const v of [
      { ...base, kOutMaxMM: 11.8, ictalEvents: 0, inIctalEvent: true },
      { ...base, kOutMaxMM: 3.5, ictalEvents: 4, inIctalEvent: false },
      { ...base, kOutMaxMM: 12, ictalEvents: 2, inIctalEvent: true, paused: true, realtimeFactor: 0 },
    ]) {
      const line = formatStatus(v);
      expect(parseStatus(line), line).toEqual(v);
    }
    expect(parseStatus('t 9.0 s · Mg 0.00 mM · K 11.8 mM · rate 20.3 Hz · bursts 2 · 1.0× real time · 60 fps')).toBeNull();
    expect(parseStatus('t 9.0 s · Mg 0.00 mM · ictal 1 · rate 20.3 Hz · bursts 2 · 1.0× real time · 60 fps')).toBeNull();
  });
});

describe('parseStatus', () => {
  const lines: StatusValues[] = [
    { timeMs: 12_345, mgOutMM: 0.4, rateHz: 6.14, bursts: 3, realtimeFactor: 1, fps: 59.7, paused: false },
    { timeMs: 0, mgOutMM: 1.2, rateHz: 0, bursts: 0, realtimeFactor: 0, fps: 60, paused: true },
    { timeMs: 3_600_049, mgOutMM: 0, rateHz: 250.4, bursts: 1234, realtimeFactor: 0.04, fps: 30, paused: false },
    { timeMs: 1_150, mgOutMM: 3, rateHz: 99.96, bursts: 7, realtimeFactor: 12.6, fps: 144.4, paused: false },
    { timeMs: 99, mgOutMM: 0.75, rateHz: 0.05, bursts: 0, realtimeFactor: 0.095, fps: 0, paused: false },
    { timeMs: 59_960, mgOutMM: 2.5, rateHz: 42, bursts: 2, realtimeFactor: 9.96, fps: 59.5, paused: false },
  ];

  it('reads back what formatStatus wrote: formatting the reading gives the same line', () => {
    for (const values of lines) {
      const line = formatStatus(values);
      const read = parseStatus(line);
      expect(read, line).not.toBeNull();
      expect(formatStatus(read!), line).toBe(line);
    }
  });

  it('gives each figure to the precision the line shows', () => {
    for (const v of lines) {
      const read = parseStatus(formatStatus(v))!;
      expect(Math.abs(read.timeMs - v.timeMs), 'time to 0.1 s').toBeLessThanOrEqual(50);
      expect(read.mgOutMM).toBeCloseTo(v.mgOutMM, 2);
      expect(Math.abs(read.rateHz - v.rateHz), 'rate to 0.1 Hz (1 Hz from 100 Hz)').toBeLessThanOrEqual(v.rateHz >= 100 ? 0.5 : 0.05);
      expect(read.bursts).toBe(v.bursts);
      expect(read.paused).toBe(v.paused);
      if (!v.paused) expect(Math.abs(read.realtimeFactor - v.realtimeFactor) / v.realtimeFactor, 'factor to 2 figures').toBeLessThan(0.06);
      expect(Math.abs(read.fps - v.fps)).toBeLessThanOrEqual(0.5);
    }
    expect(parseStatus(' t 1.2 s · Mg 0.40 mM · rate 6.1 Hz · bursts 3 · 1.0× real time · 60 fps\n')?.timeMs).toBe(1200);
  });

  it('is null for the other texts of the status element', () => {
    for (const text of [
      'Starting the simulation…',
      'Building the network: 10,000 neurons…',
      'Stopped: the simulation worker died (see the notice above).',
      't 1.2 s · Mg 0.40 mM · rate NaN Hz · bursts 3 · 1.0× real time · 60 fps',
      't 1.2 s · Mg 0.40 mM · rate 6.1 Hz · bursts 3 · 60 fps',
      '',
    ]) {
      expect(parseStatus(text), text).toBeNull();
    }
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

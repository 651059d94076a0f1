// The browser bench reads the page's status line as the page writes it (no-break spaces, ion fields).
import { describe, expect, it } from 'vitest';
import { parseStatus } from '../../../bench/lib/browserMeasure';
import { formatStatus } from '../../../src/ui/status';

describe('the browser bench reads the status line', () => {
  it('reads the real-time factor, clock and bursts of a line with ions, as the page formats it', () => {
    const line = formatStatus({
      timeMs: 12_300, mgOutMM: 0, rateHz: 41.5, bursts: 7, kOutMaxMM: 9.8, ictalEvents: 0, inIctalEvent: true,
      realtimeFactor: 1.4, fps: 58, paused: false,
    });
    expect(line).toContain('\u00a0'); // the form that once left the bench reading nothing
    expect(parseStatus(line)).toEqual({ timeS: 12.3, mgMM: 0, rateHz: 41.5, bursts: 7, realtime: 1.4, fps: 58 });
  });

  it('reads a paused line as no real-time factor, and other text as nothing', () => {
    const line = formatStatus({ timeMs: 500, mgOutMM: 1.2, rateHz: 5.5, bursts: 0, realtimeFactor: 0, fps: 60, paused: true });
    expect(parseStatus(line)?.realtime).toBeNull();
    expect(parseStatus('Building the network …')).toBeNull();
  });
});

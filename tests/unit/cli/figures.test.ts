// Issue 16, item 6: `--duration-ms 0 --json` printed "realtimeFactor":null (and burst fields), the
// text printed "Infinity× real time" and the sweep table "NaN". Now a run is at least 1 ms, and a
// figure that a run leaves undefined is null with its reason in JSON and "n/a" in text.
import { describe, expect, it } from 'vitest';
import { definedFigures, definedItems, fixed, reasonLines } from '../../../src/cli/figures';
import { NON_FINITE_TEXT, runner, unexplainedNulls } from './support';

describe('figures a run leaves undefined', () => {
  it('are null in JSON with a reason under the same key in nullReasons', () => {
    const out = definedFigures({ spikes: 0, cvIsi: Number.NaN, synchrony: 0.3, realtimeFactor: Infinity, preset: 'coba' });
    expect(out).toEqual({
      spikes: 0,
      cvIsi: null,
      synchrony: 0.3,
      realtimeFactor: null,
      preset: 'coba',
      nullReasons: { cvIsi: expect.stringMatching(/^no cell fired 3 or more spikes/), realtimeFactor: expect.stringMatching(/clock/) },
    });
    expect(JSON.stringify(out)).not.toMatch(NON_FINITE_TEXT);
    expect(definedFigures({ x: -Infinity }).nullReasons.x).toBe('not a finite number for this run');
  });

  it('in a list, are null with a reason in the item, and an item without any has no nullReasons', () => {
    const items = definedItems([{ startMs: 1, kOutPeakMM: 9 }, { startMs: 2, kOutPeakMM: Number.NaN }]);
    expect(items).toEqual([{ startMs: 1, kOutPeakMM: 9 }, { startMs: 2, kOutPeakMM: null, nullReasons: { kOutPeakMM: expect.stringMatching(/^ions are off/) } }]);
    expect(unexplainedNulls(items)).toEqual([]);
  });

  it('are "n/a" in text', () => {
    expect(fixed(null, 2)).toBe('n/a');
    expect(fixed(Number.NaN, 2)).toBe('n/a');
    expect(fixed(1.234, 2)).toBe('1.23');
    expect(reasonLines({ cvIsi: 'why' })).toEqual(['n/a cvIsi: why']);
  });
});

describe('the runner prints no non-finite figure', () => {
  it('refuses --duration-ms 0, which has no rates, real-time factor or burst figures to give', () => {
    const r = runner(['--preset', 'coba', '--n', '200', '--duration-ms', '0', '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('--duration-ms 0 is not allowed: expected from 1 to 3600000 ms\n');
  });

  it('the shortest run: JSON with every null explained, text with n/a and the reason', () => {
    const args = ['--preset', 'coba', '--n', '200', '--duration-ms', '1', '--seed', '4'];
    const json = runner([...args, '--json']);
    expect(json.status).toBe(0);
    expect(json.stdout).not.toMatch(NON_FINITE_TEXT);
    const summary = JSON.parse(json.stdout.trim().split('\n').pop()!);
    // 1 ms is too short for any cell to fire three spikes, or for χ's two bins
    expect(summary.cvIsi).toBeNull();
    expect(summary.synchrony).toBeNull();
    // …and COBA has no ions ([K⁺]o) and 1 ms no ictal event (nor a postictal ratio)
    expect(Object.keys(summary.nullReasons).sort()).toEqual(['cvIsi', 'firstIctalMs', 'kOutPeakMM', 'postictalRateRatio', 'synchrony']);
    expect(unexplainedNulls(summary)).toEqual([]);
    for (const key of ['realtimeFactor', 'rateEHz', 'rateIHz', 'bursts', 'burstRateHz', 'burstFraction']) {
      expect(Number.isFinite(summary[key]), key).toBe(true);
    }
    const text = runner(args);
    expect(text.status).toBe(0);
    expect(text.stdout).not.toMatch(NON_FINITE_TEXT);
    expect(text.stdout).toMatch(/CV ISI n\/a, χ n\/a\n/);
    expect(text.stdout).toMatch(/^n\/a cvIsi: no cell fired 3 or more spikes/m);
  });

  it('the sweep table writes n/a, and its JSON rows explain their nulls', () => {
    const args = ['--experiment', 'sweep', '--preset', 'coba', '--n', '200', '--mg-list', '0,3', '--duration-ms', '1', '--warmup-ms', '0'];
    const text = runner(args);
    expect(text.status).toBe(0);
    expect(text.stdout).not.toMatch(NON_FINITE_TEXT);
    const table = text.stdout.split('\n').filter((line) => /^\s+\d\.\d\d /.test(line));
    expect(table).toHaveLength(2);
    for (const row of table) expect(row).toMatch(/ n\/a\s+n\/a$/);
    const json = runner([...args, '--json']);
    expect(json.status).toBe(0);
    const rows = JSON.parse(json.stdout.trim().split('\n').pop()!).rows;
    expect(rows.map((row: { cvIsi: unknown }) => row.cvIsi)).toEqual([null, null]);
    expect(unexplainedNulls(rows)).toEqual([]);
  });
});

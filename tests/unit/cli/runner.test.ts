import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { runner } from './support';

describe('runner arguments', () => {
  const bad: [string[], RegExp][] = [
    [['--mg', '-1'], /^--mg -1 is not allowed: expected from 0 to 3 mM$/],
    [['--mg', 'abc'], /^--mg abc is not allowed: expected from 0 to 3 mM$/],
    [['--mg'], /^--mg needs a value: from 0 to 3 mM$/],
    [['--n', '5'], /^--n 5 is not allowed: expected an integer from 100 to 100000 neurons$/],
    [['--n', '1e9'], /^--n 1e9 is not allowed/],
    [['--dt-ms', '2'], /^--dt-ms 2 is not allowed: expected from 0.01 to 0.5 ms$/],
    [['--seed', '1.5'], /^--seed 1.5 is not allowed: expected an integer from 0 to 4294967295$/],
    [['--duration-ms', 'NaN'], /^--duration-ms NaN is not allowed: expected from 1 to 3600000 ms$/],
    [['--mg', '0x1'], /^--mg 0x1 is not allowed/],
    [['--mg', '1', '--mg', '2'], /^--mg is given twice: give it once$/],
    [['--experiment', 'iv', '--n', '200'], /^--n is not used by --experiment iv: it takes --mg, --json$/],
    [['--experiment', 'sweep', '--spikes', 'x.csv'], /^--spikes is not used by --experiment sweep/],
    [['--preset', 'brain'], /^--preset brain is not allowed: expected one of coba, sheet$/],
    [['--experiment', 'x'], /^--experiment x is not allowed: expected one of run, iv, sweep$/],
    [['--mg-list', '0,-2', '--experiment', 'sweep'], /^--mg-list -2 is not allowed: expected from 0 to 3 mM$/],
    [['--frobnicate'], /^unknown argument --frobnicate/],
    [['--k-bath', '1.9'], /^--k-bath 1.9 is not allowed: expected from 2 to 12 mM$/],
    [['--k-bath', '12.5'], /^--k-bath 12.5 is not allowed: expected from 2 to 12 mM$/],
    [['--k-bath'], /^--k-bath needs a value: from 2 to 12 mM$/],
    [['--ca', '0.4'], /^--ca 0.4 is not allowed: expected from 0.5 to 4 mM$/],
    [['--ca', 'Infinity'], /^--ca Infinity is not allowed: expected from 0.5 to 4 mM$/],
    [['--ca', '--json'], /^--ca needs a value: from 0.5 to 4 mM$/],
    [['--ions', '1'], /^--ions 1 is not allowed: expected one of on, off$/],
    [['--ions'], /^--ions needs a value: expected one of on, off$/],
    [['--ions', 'on', '--ions', 'off'], /^--ions is given twice: give it once$/],
    [['--experiment', 'iv', '--ca', '1'], /^--ca is not used by --experiment iv: it takes --mg, --json$/],
  ];
  for (const [argv, message] of bad) {
    it(`rejects ${argv.join(' ')} naming the argument and its range`, () => {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(message);
    });
  }

  it('parses a full command line', () => {
    expect(parseArgs(['--preset', 'coba', '--mg', '0.4', '--n', '2000', '--duration-ms', '500', '--dt-ms', '0.05', '--seed', '7', '--json', '--spikes', 'x.csv'])).toMatchObject({
      preset: 'coba', mgOutMM: 0.4, neurons: 2000, durationMs: 500, dtMs: 0.05, seed: 7, json: true, spikesPath: 'x.csv', experiment: 'run',
    });
    expect(parseArgs(['--experiment', 'sweep', '--mg-list', '0,0.2,1.2']).mgListMM).toEqual([0, 0.2, 1.2]);
    expect(parseArgs(['--ions', 'off', '--k-bath', '8.5', '--ca', '1'])).toMatchObject({ ions: 'off', kBathMM: 8.5, caOutMM: 1 });
    expect(parseArgs(['--experiment', 'sweep', '--ions', 'on', '--k-bath', '2', '--ca', '4'])).toMatchObject({ ions: 'on', kBathMM: 2, caOutMM: 4 });
    expect(parseArgs([])).not.toHaveProperty('ions');
  });
});

describe('runner process', () => {
  it('exits 2 with one line naming the argument on bad input', () => {
    const r = runner(['--preset', 'coba', '--mg', '-0.5']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['--mg -0.5 is not allowed: expected from 0 to 3 mM']);
    expect(r.stdout).toBe('');
  });

  it('prints a JSON summary as its last line and writes the spikes as CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-spikes-'));
    const csvPath = join(dir, 'spikes.csv');
    const r = runner(['--preset', 'coba', '--n', '1000', '--duration-ms', '300', '--seed', '3', '--json', '--spikes', csvPath]);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    for (const key of ['preset', 'neurons', 'excitatory', 'synapses', 'dtMs', 'durationMs', 'seed', 'mgOutMM', 'spikes', 'rateEHz', 'rateIHz', 'buildMs', 'simMs', 'realtimeFactor']) {
      expect(summary).toHaveProperty(key);
    }
    expect(summary).toMatchObject({ preset: 'coba', neurons: 1000, excitatory: 800, durationMs: 300, seed: 3, dtMs: 0.1 });
    // COBA has no ions: the bath is reported, [K⁺]o is not, and a 300-ms run has no ictal event
    expect(summary).toMatchObject({ ions: 'off', kBathMM: 3.5, caOutMM: 2, kOutPeakMM: null, ictalEvents: [], firstIctalMs: null, postictalRateRatio: null });
    expect(summary.nullReasons.kOutPeakMM).toMatch(/^ions are off/);
    expect(summary.nullReasons.firstIctalMs).toMatch(/^no ictal event/);
    expect(summary.interictalBurstRateHz).toBeCloseTo(summary.bursts / 0.3, 9); // no ictal event: every burst is interictal
    expect(summary.spikes).toBeGreaterThan(0);
    expect(summary.realtimeFactor).toBeCloseTo(300 / summary.simMs, 6);
    const lines = readFileSync(csvPath, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('neuron_id,time_ms');
    expect(lines.length - 1).toBe(summary.spikes);
    for (const line of lines.slice(1, 200)) {
      const [id, t] = line.split(',').map(Number);
      expect(Number.isInteger(id) && id >= 0 && id < 1000).toBe(true);
      expect(t >= 0 && t < 300).toBe(true);
    }
  });

  it('prints the steady-state NMDA I–V', () => {
    const r = runner(['--experiment', 'iv', '--mg', '1', '--json']);
    expect(r.status).toBe(0);
    const iv = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(iv.experiment).toBe('iv');
    expect(iv.mgOutMM).toBe(1);
    expect(iv.points).toHaveLength(15);
    expect(iv.points[0]).toEqual({ vMV: -100, iPA: expect.closeTo(-0.7193, 3) });
    expect(iv.points.find((p: { vMV: number }) => p.vMV === 0).iPA).toBe(0);
  });
});

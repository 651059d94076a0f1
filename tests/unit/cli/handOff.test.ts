/**
 * The runner's hand-off flags (src/cli/handOff.ts): --nwb writes every spike of the run (read back
 * with Debian's python3-h5py), --export-brian2 and --export-nest write their folders, and an
 * unwritable destination is one line naming the flag, status 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalProblem, runner } from './support';

describe('runner hand-off flags', () => {
  it('--nwb, --export-brian2 and --export-nest write the run and the network', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-handoff-'));
    const nwb = join(dir, 'run.nwb');
    const r = runner(['--n', '500', '--duration-ms', '300', '--seed', '3', '--json', '--nwb', nwb, '--export-brian2', join(dir, 'b2'), '--export-nest', join(dir, 'nest')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(summary.spikes).toBeGreaterThan(100);
    const read = spawnSync(
      '/usr/bin/python3',
      ['-c', `import h5py,sys,json; f=h5py.File(sys.argv[1],'r'); a=f['acquisition']; print(json.dumps([len(f['units/spike_times']), sorted(a.keys()), a['kOutMaxMM/timestamps'][()].tolist(), a['kOutMaxMM/data'][()].max()]))`, nwb],
      { encoding: 'utf8' },
    );
    expect(read.stderr).toBe('');
    const [spikes, ionSeries, ionTimesS, kOutMaxMM] = JSON.parse(read.stdout);
    expect(spikes).toBe(summary.spikes);
    // the sheet has ions on: one sample per 100 ms chunk, and the highest [K]o the summary reports
    expect(ionSeries).toEqual(['kOutMaxMM', 'kOutMeanMM', 'naInMeanMM']);
    expect(ionTimesS).toEqual([0.1, 0.2, 0.3]);
    expect(kOutMaxMM).toBeCloseTo(summary.kOutPeakMM, 9);
    expect(existsSync(join(dir, 'b2', 'network.py'))).toBe(true);
    expect(existsSync(join(dir, 'nest', 'run_nest.py'))).toBe(true);
  });

  it('--nwb at 0 mM holds the ictal events of the run summary in intervals/ictal_events', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-handoff-ictal-'));
    const nwb = join(dir, 'ictal.nwb');
    const r = runner(['--n', '1000', '--mg', '0', '--duration-ms', '5000', '--seed', '1', '--json', '--nwb', nwb]);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(summary.ictalEvents.length).toBeGreaterThanOrEqual(1); // a real test: the run seizes
    const read = spawnSync(
      '/usr/bin/python3',
      ['-c', `import h5py,sys,json; g=h5py.File(sys.argv[1],'r')['intervals/ictal_events']; print(json.dumps([g.attrs['neurodata_type'], g['start_time'][()].tolist(), g['stop_time'][()].tolist(), g['k_out_peak_mM'][()].tolist()]))`, nwb],
      { encoding: 'utf8' },
    );
    expect(read.stderr).toBe('');
    const [type, startS, stopS, peakMM] = JSON.parse(read.stdout);
    expect(type).toBe('TimeIntervals');
    expect(startS).toEqual(summary.ictalEvents.map((e: { startMs: number }) => e.startMs / 1000));
    expect(stopS).toEqual(summary.ictalEvents.map((e: { endMs: number }) => e.endMs / 1000));
    expect(peakMM).toEqual(summary.ictalEvents.map((e: { kOutPeakMM: number }) => e.kOutPeakMM));
  });

  it.each([
    ['--nwb', '/nonexistent-folder/run.nwb'],
    ['--export-brian2', '/dev/null/b2'],
    ['--export-nest', '/dev/null/nest'],
  ])('%s %s is refused in one line naming the flag', (flag, path) => {
    const r = runner(['--n', '200', '--duration-ms', '10', flag, path]);
    expect(r.status).toBe(2);
    const message = r.stderr.trim();
    expect(refusalProblem(message)).toBeNull();
    expect(message.startsWith(flag)).toBe(true);
  });
});

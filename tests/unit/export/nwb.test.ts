// The NWB export of a small sheet run, read back by Debian's python3-h5py (tests/unit/export/nwbCheck.py):
// the schema's required attributes, groups and types, every spike exactly, and the live history.
// Needs /usr/bin/python3 with h5py (apt-get install -y python3-h5py); pynwb is not packaged in Debian.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig, withNeurons } from '../../../src/core/presets';
import { Simulation } from '../../../src/core/simulation';
import { ExportError } from '../../../src/export/nwb/hdf5';
import { writeNwbFile } from '../../../src/export/nwb/node';
import { RunRecorder } from '../../../src/export/nwb/run';
import type { NwbRun } from '../../../src/export/nwb/run';
import { writeNwb } from '../../../src/export/nwb/writeNwb';

const PYTHON = '/usr/bin/python3';
const CHECKER = join(__dirname, 'nwbCheck.py');
const START = '2026-12-01T09:30:00.000Z';

/** 500 sheet cells for 300 ms; at 100 ms [Mg]o drops to 0.2 mM with the drive doubled, at 200 ms NMDA ×1.5. */
function smallRun(): { run: NwbRun; sim: Simulation } {
  const sim = Simulation.create(withNeurons(presetConfig('sheet'), 500));
  const recorder = new RunRecorder(sim.config, sim.network.layout);
  const chunk = (steps: number) => {
    sim.advance(steps);
    const { ids, steps: at } = sim.spikes.drain();
    recorder.addSpikes(ids, at);
    const ions = sim.network.ions; // the sheet has ions on
    recorder.sampleIons(sim.timeMs, ions.kOutMeanMM(), ions.kOutMaxMM(), ions.naInMeanMM());
  };
  chunk(1000);
  sim.setLive({ mgOutMM: 0.2, driveRateHz: 2 });
  recorder.noteLive(sim.timeMs, { mgOutMM: 0.2, driveRateHz: 2 });
  chunk(500);
  sim.setLive({ kBathMM: 8 });
  recorder.noteLive(sim.timeMs, { kBathMM: 8 });
  chunk(500);
  sim.setLive({ gNmdaScale: 1.5 });
  recorder.noteLive(sim.timeMs, { gNmdaScale: 1.5 });
  chunk(1000);
  // two events as the online analysis reports them (a 300 ms run has none of its own)
  const events = [
    { startMs: 20, endMs: 120, kOutPeakMM: 9.5 },
    { startMs: 150, endMs: 290, kOutPeakMM: Number.NaN, underWay: true },
  ];
  return { run: recorder.run(sim.stepIndex, { identifier: 'nwb-test-run', sessionStartTime: START }, events), sim };
}

describe('NWB export', () => {
  let run: NwbRun;
  let report: Record<string, any>;
  let fileBytes: number;

  beforeAll(async () => {
    run = smallRun().run;
    const path = join(mkdtempSync(join(tmpdir(), 'mg-gate-nwb-')), 'run.nwb');
    fileBytes = (await writeNwbFile(path, run)).bytes;
    report = JSON.parse(execFileSync(PYTHON, [CHECKER, path], { encoding: 'utf8' }));
  });

  it('has the root attributes and datasets NWB 2.7.0 requires', () => {
    expect(run.spikeIds.length).toBeGreaterThan(200); // enough spikes for the checks below to mean something
    expect(fileBytes).toBeGreaterThan(0);
    expect(report.root).toMatchObject({ namespace: 'core', neurodata_type: 'NWBFile', nwb_version: '2.7.0' });
    expect(report.root.object_id).toHaveLength(36);
    const d = report.datasets;
    expect(d.identifier).toEqual({ value: 'nwb-test-run', scalar: true, string: true });
    expect(d.session_start_time.value).toBe(START);
    expect(d.timestamps_reference_time.value).toBe(START);
    expect(d.session_description.value).toContain('500 neurons (400 E, 100 I)');
    expect(d.file_create_date.shape).toEqual([1]);
    expect(report.isoDates).toEqual({ session_start_time: true, timestamps_reference_time: true, file_create_date: true });
    for (const [group, present] of Object.entries(report.groups)) expect([group, present]).toEqual([group, true]);
  });

  it('types every group and dataset the schema types, each with an object_id', () => {
    const types = Object.fromEntries(Object.entries(report.typed as Record<string, any>).map(([path, t]) => [path, `${t.namespace}:${t.neurodata_type}`]));
    expect(types).toEqual({
      '/units': 'core:Units',
      '/units/id': 'hdmf-common:ElementIdentifiers',
      '/units/spike_times': 'hdmf-common:VectorData',
      '/units/spike_times_index': 'hdmf-common:VectorIndex',
      '/units/population': 'hdmf-common:VectorData',
      '/units/x': 'hdmf-common:VectorData',
      '/units/y': 'hdmf-common:VectorData',
      '/stimulus/presentation/mgOutMM': 'core:TimeSeries',
      '/stimulus/presentation/driveRateHz': 'core:TimeSeries',
      '/stimulus/presentation/gAmpaScale': 'core:TimeSeries',
      '/stimulus/presentation/gNmdaScale': 'core:TimeSeries',
      '/stimulus/presentation/gGabaScale': 'core:TimeSeries',
      '/stimulus/presentation/adaptScale': 'core:TimeSeries',
      '/stimulus/presentation/kBathMM': 'core:TimeSeries',
      '/stimulus/presentation/caOutMM': 'core:TimeSeries',
      '/stimulus/presentation/ionsOn': 'core:TimeSeries',
      '/acquisition/kOutMeanMM': 'core:TimeSeries',
      '/acquisition/kOutMaxMM': 'core:TimeSeries',
      '/acquisition/naInMeanMM': 'core:TimeSeries',
      '/intervals/ictal_events': 'core:TimeIntervals',
      '/intervals/ictal_events/id': 'hdmf-common:ElementIdentifiers',
      '/intervals/ictal_events/start_time': 'hdmf-common:VectorData',
      '/intervals/ictal_events/stop_time': 'hdmf-common:VectorData',
      '/intervals/ictal_events/k_out_peak_mM': 'hdmf-common:VectorData',
      '/intervals/ictal_events/under_way': 'hdmf-common:VectorData',
      '/scratch/mg_gate_config': 'core:ScratchData',
    });
    const objectIds = [report.root.object_id, ...Object.values(report.typed as Record<string, any>).map((t) => t.object_id)];
    for (const id of objectIds) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(objectIds).size).toBe(objectIds.length);
  });

  it('holds every spike exactly, unit by unit, through spike_times_index', () => {
    const u = report.units;
    expect(u.colnames).toEqual(['spike_times', 'population', 'x', 'y']);
    expect(u.indexTarget).toBe('/units/spike_times');
    expect(u.spikeTimesDtype).toBe('float64');
    expect(u.resolution).toBe(0.1 / 1000);
    expect(u.columnDescriptions).toBe(true);
    expect(u.ids).toEqual(Array.from({ length: 500 }, (_, i) => i));
    const expected: number[][] = Array.from({ length: 500 }, () => []);
    for (let k = 0; k < run.spikeIds.length; k++) expected[run.spikeIds[k]].push((run.spikeSteps[k] * run.config.dtMs) / 1000);
    expect(u.spikeTimes).toEqual(expected);
    expect(u.spikeTimes.flat()).toHaveLength(run.spikeIds.length);
  });

  it('gives each unit its population and its sheet position', () => {
    const u = report.units;
    const { siteOfNeuron, width } = run.layout;
    expect(u.population).toEqual(Array.from({ length: 500 }, (_, i) => (i < 400 ? 'E' : 'I')));
    expect(u.x).toEqual(Array.from(siteOfNeuron, (s) => s % width));
    expect(u.y).toEqual(Array.from(siteOfNeuron, (s) => Math.floor(s / width)));
  });

  it('stores the live parameters as step series: a value at each change, from 0 s', () => {
    const s = report.series;
    expect(s.mgOutMM).toMatchObject({ timestamps: [0, 0.1], data: [1.2, 0.2], unit: 'mM', continuity: 'step' });
    expect(s.driveRateHz).toMatchObject({ timestamps: [0, 0.1], data: [1, 2], unit: 'Hz' });
    expect(s.gNmdaScale).toMatchObject({ timestamps: [0, 0.2], data: [1, 1.5], unit: 'dimensionless' });
    expect(s.gAmpaScale).toMatchObject({ timestamps: [0], data: [1] });
    expect(s.kBathMM).toMatchObject({ timestamps: [0, 0.15], data: [3.5, 8], unit: 'mM' });
    expect(s.caOutMM).toMatchObject({ timestamps: [0], data: [2], unit: 'mM' });
    expect(s.ionsOn).toMatchObject({ timestamps: [0], data: [1] });
    for (const series of Object.values(s as Record<string, any>)) {
      expect(series).toMatchObject({ conversionDtype: 'float32', interval: 1, timestampsUnit: 'seconds' });
    }
  });

  it('holds the ion traces as TimeSeries in acquisition, sample for sample', () => {
    const a = report.acquisition;
    const t = run.ionTraces!;
    expect(Object.keys(a).sort()).toEqual(['kOutMaxMM', 'kOutMeanMM', 'naInMeanMM']);
    expect(a.kOutMeanMM.timestamps).toEqual([0.1, 0.15, 0.2, 0.3]);
    for (const key of ['kOutMeanMM', 'kOutMaxMM', 'naInMeanMM'] as const) {
      expect(a[key]).toMatchObject({ neurodata_type: 'TimeSeries', unit: 'mM', data: Array.from(t[key]) });
    }
    expect(a.kOutMeanMM.data[0]).toBeGreaterThan(3); // the bath is 3.5 mM: a concentration, not a scale
    for (let k = 0; k < 4; k++) expect(a.kOutMaxMM.data[k]).toBeGreaterThanOrEqual(a.kOutMeanMM.data[k]);
  });

  it('lists the ictal events in a TimeIntervals table', () => {
    expect(report.intervals.ictal_events).toEqual({
      neurodata_type: 'TimeIntervals',
      colnames: ['start_time', 'stop_time', 'k_out_peak_mM', 'under_way'],
      id: [0, 1],
      start_time: [0.02, 0.15],
      stop_time: [0.12, 0.29],
      k_out_peak_mM: [9.5, null],
      under_way: [0, 1],
    });
  });

  it('keeps the full configuration in scratch/mg_gate_config', () => {
    expect(report.config.config).toEqual(run.config);
    expect(report.config.durationSteps).toBe(3000);
    expect(report.config.liveHistory).toHaveLength(3);
  });
});

describe('NWB export: a long run', () => {
  it('reads back 20,000 spikes exactly from the compressed spike_times', async () => {
    const n = 100;
    const spikeIds = new Uint32Array(20_000);
    const spikeSteps = new Uint32Array(20_000);
    for (let k = 0; k < spikeIds.length; k++) {
      spikeIds[k] = (k * 7919) % n; // every unit, in a scrambled order
      spikeSteps[k] = Math.floor(k / 3);
    }
    const config = withNeurons(presetConfig('coba'), n);
    const run: NwbRun = { config, layout: { siteOfNeuron: Uint32Array.from({ length: n }, (_, i) => i), width: 10, height: 10 }, spikeIds, spikeSteps, durationSteps: 7000 };
    const path = join(mkdtempSync(join(tmpdir(), 'mg-gate-nwb-long-')), 'long.nwb');
    await writeNwbFile(path, run);
    const units = JSON.parse(execFileSync(PYTHON, [CHECKER, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).units;
    const expected: number[][] = Array.from({ length: n }, () => []);
    for (let k = 0; k < spikeIds.length; k++) expected[spikeIds[k]].push((spikeSteps[k] * config.dtMs) / 1000);
    expect(units.spikeTimes).toEqual(expected);
  });
});

function ionTraces(timesMs: number[]) {
  const f = () => Float64Array.from(timesMs, () => 4);
  return { timesMs: Float64Array.from(timesMs), kOutMeanMM: f(), kOutMaxMM: f(), naInMeanMM: f() };
}

describe('NWB export: a capped recording keeps the latest window', () => {
  it('drops whole chunks from the start, folds the live history and says from when', async () => {
    const config = withNeurons(presetConfig('sheet'), 100);
    const layout = { siteOfNeuron: Uint32Array.from({ length: 100 }, (_, i) => i), width: 10, height: 10 };
    const recorder = new RunRecorder(config, layout, { maxSpikes: 25, blockSpikes: 10 });
    // ten chunks of 10 steps, one spike per step: chunk c holds steps 10c … 10c + 9 (one block each)
    for (let c = 0; c < 10; c++) {
      const steps = Uint32Array.from({ length: 10 }, (_, k) => 10 * c + k);
      recorder.addSpikes(Uint32Array.from(steps, (s) => s % 100), steps);
      recorder.sampleIons(10 * (c + 1) * config.dtMs, 3.5 + c, 4 + c, 10);
      if (c === 2) recorder.noteLive(2.5, { mgOutMM: 0.4 });
      if (c === 8) recorder.noteLive(8.5, { mgOutMM: 0 });
    }
    expect(recorder.spikeCount).toBe(20); // 100 spikes, at most 25 held, whole blocks dropped
    expect(recorder.droppedSpikes).toBe(80);
    expect(recorder.startSteps).toBe(80);
    const run = recorder.run(100, { capNote: 'capped in the test' });
    expect(Array.from(run.spikeSteps)).toEqual(Array.from({ length: 20 }, (_, k) => 80 + k));
    expect(run.liveAtStart!.mgOutMM).toBe(0.4); // the change at 2.5 ms, folded into the start
    expect(run.liveHistory).toEqual([{ timeMs: 8.5, params: { mgOutMM: 0 } }]);
    expect(Array.from(run.ionTraces!.timesMs)).toEqual([8, 9, 10]);

    const path = join(mkdtempSync(join(tmpdir(), 'mg-gate-nwb-capped-')), 'capped.nwb');
    await writeNwbFile(path, run);
    const r = JSON.parse(execFileSync(PYTHON, [CHECKER, path], { encoding: 'utf8' }));
    expect(r.series.mgOutMM).toMatchObject({ timestamps: [0.008, 0.0085], data: [0.4, 0] });
    expect(r.units.spikeTimes.flat()).toHaveLength(20);
    expect(r.notes).toContain('from 0.008 s on (step 80); earlier ones were dropped. capped in the test');
    expect(r.config.startSteps).toBe(80);
  });

  it('moves the window for the live history and the ion samples too', () => {
    const config = withNeurons(presetConfig('sheet'), 100);
    const layout = { siteOfNeuron: Uint32Array.from({ length: 100 }, (_, i) => i), width: 10, height: 10 };
    const recorder = new RunRecorder(config, layout, { maxLiveChanges: 2, maxIonSamples: 100 });
    recorder.addSpikes([1, 2, 3], [5, 15, 25]);
    recorder.noteLive(1, { mgOutMM: 1 });
    recorder.noteLive(2, { mgOutMM: 0.5 });
    recorder.noteLive(3, { mgOutMM: 0 });
    expect(recorder.startSteps).toBe(11); // the oldest change (1 ms = step 10) folded: the window starts after it
    const run = recorder.run(30);
    expect(Array.from(run.spikeSteps)).toEqual([15, 25]);
    expect(run.liveAtStart!.mgOutMM).toBe(1);
    expect(run.liveHistory!.map((c) => c.timeMs)).toEqual([2, 3]);
    expect(() => new RunRecorder(config, layout, { maxSpikes: 0 })).toThrow('maxSpikes must be ≥ 1');
  });

  it('holds few objects at a low rate and never more than the cap, a block of slack aside', () => {
    const config = withNeurons(presetConfig('sheet'), 100);
    const layout = { siteOfNeuron: Uint32Array.from({ length: 100 }, (_, i) => i), width: 10, height: 10 };
    const recorder = new RunRecorder(config, layout, { maxSpikes: 1600 });
    // 100,000 frames of one spike each (a quiet page for half an hour)
    for (let f = 0; f < 100_000; f++) recorder.addSpikes([f % 100], [f]);
    const blocks = (recorder as unknown as { blocks: unknown[] }).blocks.length;
    expect(blocks).toBeLessThanOrEqual(17); // blocks of 1600 / 16 = 100 spikes, not one per frame
    expect(recorder.spikeCount).toBeLessThanOrEqual(1600);
    expect(recorder.spikeCount).toBeGreaterThan(1600 - 100);
    const run = recorder.run(100_000);
    expect(run.spikeSteps[0]).toBe(recorder.startSteps);
    expect(run.spikeSteps[run.spikeSteps.length - 1]).toBe(99_999);
    expect(run.spikeSteps.length).toBe(100_000 - recorder.startSteps);
  });
});

describe('NWB export: bad input', () => {
  const base = (): NwbRun => ({
    config: withNeurons(presetConfig('sheet'), 100),
    layout: { siteOfNeuron: Uint32Array.from({ length: 100 }, (_, i) => i), width: 10, height: 10 },
    spikeIds: new Uint32Array([3, 7]),
    spikeSteps: new Uint32Array([5, 9]),
    durationSteps: 10,
  });

  const cases: [string, (r: NwbRun) => void, string][] = [
    ['a neuron id past the network', (r) => (r.spikeIds = new Uint32Array([3, 100])), 'spikeIds[1]'],
    ['spikes out of step order', (r) => (r.spikeSteps = new Uint32Array([9, 5])), 'spikeSteps[1]'],
    ['a spike after the end', (r) => (r.durationSteps = 9), 'spikeSteps[1]'],
    ['ids and steps of different lengths', (r) => (r.spikeSteps = new Uint32Array([5])), 'spikeSteps'],
    ['a live change out of time order', (r) => (r.liveHistory = [{ timeMs: 0.5, params: { mgOutMM: 1 } }, { timeMs: 0.2, params: { mgOutMM: 0 } }]), 'liveHistory[1].timeMs'],
    ['[Mg]o outside its range', (r) => (r.liveHistory = [{ timeMs: 0.5, params: { mgOutMM: 9 } }]), 'liveHistory[0].params.mgOutMM'],
    ['an unknown live parameter that is not a number', (r) => (r.liveHistory = [{ timeMs: 0.5, params: { kBathMM: Number.NaN } }]), 'liveHistory[0].params.kBathMM'],
    ['a start time that is not a date', (r) => (r.sessionStartTime = 'yesterday'), 'sessionStartTime'],
    ['a layout of another network', (r) => (r.layout = { ...r.layout, siteOfNeuron: new Uint32Array(99) }), 'layout'],
    ['a spike before the recording starts', (r) => (r.startSteps = 6), 'spikeSteps[0]'],
    ['a start past the end', (r) => (r.startSteps = 11), 'startSteps'],
    ['an ion sample past the end', (r) => (r.ionTraces = ionTraces([0.5, 2])), 'ionTraces.timesMs[1]'],
    ['an ion trace shorter than its times', (r) => (r.ionTraces = { ...ionTraces([0.5]), naInMeanMM: new Float64Array(0) }), 'ionTraces.naInMeanMM'],
    ['an ictal event that ends before it starts', (r) => (r.ictalEvents = [{ startMs: 0.8, endMs: 0.2, kOutPeakMM: 5 }]), 'ictalEvents[0]'],
  ];
  for (const [label, spoil, field] of cases) {
    it(`names the field for ${label}`, async () => {
      const r = base();
      spoil(r);
      const error = await writeNwb(r).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExportError);
      expect((error as ExportError).field).toBe(field);
    });
  }

  it('writes a valid input, and names --nwb when the path cannot be written', async () => {
    const bytes = await writeNwb(base());
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x89, 0x48, 0x44, 0x46]); // "\x89HDF": an HDF5 file
    const silent = await writeNwb({ ...base(), spikeIds: new Uint32Array(0), spikeSteps: new Uint32Array(0), durationSteps: 0 });
    expect(silent.length).toBeGreaterThan(0); // no spikes, no time: still a file (empty spike_times)
    const error = await writeNwbFile('/nonexistent-dir/run.nwb', base()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as Error).message).toMatch(/^--nwb: cannot write \/nonexistent-dir\/run\.nwb \(ENOENT\)/);
  });
});

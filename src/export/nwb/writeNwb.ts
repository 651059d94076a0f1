/**
 * A run as an NWB 2.7.0 file (Neurodata Without Borders: HDF5 laid out by the NWB schema,
 * github.com/NeurodataWithoutBorders/nwb-schema, core/nwb.file.yaml and nwb.misc.yaml; tables
 * from hdmf-common 1.8.0). Returns the file's bytes; writes nothing to disk.
 *
 *   /                           NWBFile (nwb_version 2.7.0), identifier, session_description,
 *                               session_start_time, timestamps_reference_time, file_create_date
 *   /units                      Units: one row per neuron (id = Mg Gate's neuron id); columns
 *                               spike_times (s) + spike_times_index, population (E/I), x, y (sites)
 *   /stimulus/presentation/<k>  TimeSeries per live parameter: timestamps (s) + data, continuity "step"
 *   /acquisition/<k>            with ions on: TimeSeries kOutMeanMM, kOutMaxMM, naInMeanMM (mM; sampled)
 *   /intervals/ictal_events     TimeIntervals: the online analysis's ictal events (start, stop, peak [K+]o)
 *   /general                    experiment_description, notes
 *   /scratch/mg_gate_config     ScratchData: the whole NetworkConfig and run record as JSON
 *   /analysis, /processing, /stimulus/templates   (required by the schema; empty)
 *
 * Times are seconds from step 0 (the network's build): spike time = step · dtMs / 1000, in float64.
 * Every group and dataset with a type carries neurodata_type, namespace and object_id, as the
 * schema's storage rules require; the file reads with h5py, pynwb and MatNWB.
 */
import type { Group, File as H5File } from 'h5wasm';
import { excitatoryCount } from '../../core/params';
import { addArray, addAttributes, addDataset, addGroup, buildHdf5, ExportError } from './hdf5';
import { liveStepSeries } from './liveSeries';
import type { StepSeries } from './liveSeries';
import type { IctalInterval, IonTraces, NwbRun } from './run';

export const NWB_VERSION = '2.7.0';

/** Writes `run` as an NWB file and returns its bytes (bad input: an ExportError naming the field). */
export async function writeNwb(run: NwbRun): Promise<Uint8Array> {
  const checked = checkRun(run);
  return buildHdf5('nwb', (file) => fillNwb(file, checked));
}

interface CheckedRun {
  run: NwbRun;
  series: StepSeries[];
  startTime: string;
  identifier: string;
}

function checkRun(run: NwbRun): CheckedRun {
  if (run === null || typeof run !== 'object') throw new ExportError('run', 'expected the run to export');
  const { config, layout, spikeIds, spikeSteps, durationSteps } = run;
  const startSteps = run.startSteps ?? 0;
  if (!config || typeof config.neurons !== 'number' || typeof config.dtMs !== 'number') {
    throw new ExportError('config', 'expected the NetworkConfig the network was built from');
  }
  if (!Number.isInteger(durationSteps) || durationSteps < 0) {
    throw new ExportError('durationSteps', `${String(durationSteps)} is not allowed: expected a whole number of steps ≥ 0`);
  }
  if (!Number.isInteger(startSteps) || startSteps < 0 || startSteps > durationSteps) {
    throw new ExportError('startSteps', `${String(startSteps)} is not allowed: expected a whole number of steps from 0 to durationSteps (${durationSteps})`);
  }
  if (!(layout?.siteOfNeuron instanceof Uint32Array) || layout.siteOfNeuron.length !== config.neurons || !(layout.width > 0)) {
    throw new ExportError('layout', `expected the network's layout (siteOfNeuron for ${config.neurons} neurons, width, height)`);
  }
  if (!(spikeIds instanceof Uint32Array) || !(spikeSteps instanceof Uint32Array) || spikeIds.length !== spikeSteps.length) {
    throw new ExportError('spikeSteps', 'expected two Uint32Arrays of equal length (spikeIds, spikeSteps)');
  }
  for (let k = 0; k < spikeIds.length; k++) {
    if (spikeIds[k] >= config.neurons) throw new ExportError(`spikeIds[${k}]`, `${spikeIds[k]} is not a neuron id (0 to ${config.neurons - 1})`);
    if (spikeSteps[k] >= durationSteps || spikeSteps[k] < startSteps || (k > 0 && spikeSteps[k] < spikeSteps[k - 1])) {
      throw new ExportError(
        `spikeSteps[${k}]`,
        `${spikeSteps[k]} is out of order or outside startSteps to durationSteps (${startSteps}–${durationSteps}): spikes must be in step order, as recorded`,
      );
    }
  }
  const start = run.sessionStartTime === undefined ? new Date() : new Date(run.sessionStartTime);
  if (Number.isNaN(start.getTime())) throw new ExportError('sessionStartTime', `${String(run.sessionStartTime)} is not a date`);
  if (run.identifier !== undefined && (typeof run.identifier !== 'string' || run.identifier.trim() === '')) {
    throw new ExportError('identifier', 'expected a non-empty text');
  }
  const series = liveStepSeries(
    run.liveAtStart ?? (config.live as unknown as Record<string, number>),
    run.liveHistory ?? [],
    durationSteps * config.dtMs,
    startSteps * config.dtMs,
  );
  checkIonTraces(run, durationSteps * config.dtMs);
  (run.ictalEvents ?? []).forEach((e, k) => {
    if (!(Number.isFinite(e?.startMs) && Number.isFinite(e.endMs) && e.endMs >= e.startMs && e.startMs >= 0)) {
      throw new ExportError(`ictalEvents[${k}]`, 'expected { startMs, endMs, kOutPeakMM } with 0 ≤ startMs ≤ endMs');
    }
  });
  return {
    run,
    series,
    startTime: start.toISOString(),
    identifier: run.identifier ?? `mg-gate-${config.preset}-seed${config.seed}-${uuid()}`,
  };
}

function fillNwb(file: H5File, { run, series, startTime, identifier }: CheckedRun): void {
  const { config } = run;
  const startSteps = run.startSteps ?? 0;
  const nE = excitatoryCount(config);
  const durationMs = run.durationSteps * config.dtMs;
  const summary =
    `Mg Gate simulation: preset ${config.preset}, ${config.neurons} neurons (${nE} E, ${config.neurons - nE} I), ` +
    `dt ${config.dtMs} ms, seed ${config.seed}, ${durationMs} ms simulated, [Mg2+]o ${config.live.mgOutMM} mM at the start`;

  typed(file, 'NWBFile', 'core');
  addAttributes(file, { nwb_version: NWB_VERSION });
  addDataset(file, 'file_create_date', [new Date().toISOString()]);
  addDataset(file, 'identifier', identifier);
  addDataset(file, 'session_description', run.sessionDescription ?? summary);
  addDataset(file, 'session_start_time', startTime);
  addDataset(file, 'timestamps_reference_time', startTime);
  for (const name of ['analysis', 'processing']) addGroup(file, name);
  const acquisition = addGroup(file, 'acquisition');
  if (run.ionTraces) writeIonTraces(acquisition, run.ionTraces);
  if (run.ictalEvents && run.ictalEvents.length > 0) writeIctalEvents(addGroup(addGroup(file, 'intervals'), 'ictal_events'), run.ictalEvents);

  const general = addGroup(file, 'general');
  addDataset(general, 'experiment_description', summary);
  addDataset(
    general,
    'notes',
    'Simulated, not recorded: every unit is one model neuron (units/id = Mg Gate neuron id; E cells first). ' +
      'Times are seconds from the network build (step 0). The full configuration (NetworkConfig JSON) is in ' +
      'scratch/mg_gate_config; the live parameters it changed during the run are step series in stimulus/presentation.' +
      (startSteps > 0
        ? ` The recording holds the spikes from ${(startSteps * config.dtMs) / 1000} s on (step ${startSteps}); earlier ones were dropped.${run.capNote ? ` ${run.capNote}` : ''}`
        : ''),
  );

  writeUnits(addGroup(file, 'units'), run, nE);

  const stimulus = addGroup(file, 'stimulus');
  addGroup(stimulus, 'templates');
  const presentation = addGroup(stimulus, 'presentation');
  for (const s of series) writeStepSeries(presentation, s);

  const scratch = addGroup(file, 'scratch');
  const record = {
    generator: 'Mg Gate',
    config,
    durationSteps: run.durationSteps,
    durationMs,
    startSteps,
    spikes: run.spikeIds.length,
    capNote: run.capNote ?? null,
    ictalEvents: run.ictalEvents ?? [],
    layout: { width: run.layout.width, height: run.layout.height },
    liveHistory: run.liveHistory ?? [],
  };
  const configData = addDataset(scratch, 'mg_gate_config', JSON.stringify(record));
  typed(configData, 'ScratchData', 'core');
  addAttributes(configData, { notes: 'Mg Gate run record (JSON): the NetworkConfig, the duration, the layout size and the live-parameter history' });
}

/** The Units table: ragged spike_times through spike_times_index, plus population and position. */
function writeUnits(units: Group, run: NwbRun, nE: number): void {
  const { config, layout, spikeIds, spikeSteps } = run;
  const n = config.neurons;
  // counting sort by neuron: each unit's spikes stay in step order
  const ends = new Uint32Array(n);
  for (let k = 0; k < spikeIds.length; k++) ends[spikeIds[k]]++;
  for (let i = 1; i < n; i++) ends[i] += ends[i - 1];
  const fill = new Uint32Array(n);
  for (let i = 1; i < n; i++) fill[i] = ends[i - 1];
  const timesS = new Float64Array(spikeIds.length);
  for (let k = 0; k < spikeIds.length; k++) timesS[fill[spikeIds[k]]++] = (spikeSteps[k] * config.dtMs) / 1000;

  const ids = new Int32Array(n);
  const x = new Uint32Array(n);
  const y = new Uint32Array(n);
  const population: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = i;
    x[i] = layout.siteOfNeuron[i] % layout.width;
    y[i] = Math.floor(layout.siteOfNeuron[i] / layout.width);
    population[i] = i < nE ? 'E' : 'I';
  }
  const spacing = config.topology.kind === 'sheet' ? `1 site = ${config.topology.siteSpacingUm} µm` : 'the random network has no space: its display grid';

  typed(units, 'Units', 'core');
  addAttributes(units, {
    colnames: ['spike_times', 'population', 'x', 'y'],
    description: `One unit per model neuron of Mg Gate (${n} neurons; ids 0–${nE - 1} excitatory, ${nE}–${n - 1} inhibitory)`,
  });
  typed(addDataset(units, 'id', ids), 'ElementIdentifiers', 'hdmf-common');
  const spikeTimes = column(units, 'spike_times', timesS, 'Spike times of each unit, in seconds from step 0');
  addAttributes(spikeTimes, { resolution: config.dtMs / 1000 });
  const index = column(units, 'spike_times_index', ends, 'Index into spike_times: unit i holds spike_times[index[i−1] : index[i]]', 'VectorIndex');
  index.create_attribute('target', spikeTimes.create_reference());
  column(units, 'population', population, 'Population of each unit: E (excitatory) or I (inhibitory)');
  column(units, 'x', x, `Column of the unit's site on the ${layout.width} × ${layout.height} sheet (torus), in sites; ${spacing}`);
  column(units, 'y', y, `Row of the unit's site on the ${layout.width} × ${layout.height} sheet (torus), in sites; ${spacing}`);
}

function column(table: Group, name: string, data: Float64Array | Uint32Array | string[], description: string, type = 'VectorData') {
  const dataset = Array.isArray(data) ? addDataset(table, name, data) : addArray(table, name, data);
  typed(dataset, type, 'hdmf-common');
  addAttributes(dataset, { description });
  return dataset;
}

/** One live parameter as a TimeSeries: values at the times they were set, each holding until the next. */
function writeStepSeries(parent: Group, s: StepSeries): void {
  const group = addGroup(parent, s.key);
  typed(group, 'TimeSeries', 'core');
  addAttributes(group, {
    description: s.description,
    comments: 'A step series: each value holds from its timestamp until the next one (or the end of the run)',
  });
  const data = addDataset(group, 'data', s.values);
  addAttributes(data, { conversion: 1, offset: 0, resolution: -1, unit: s.unit, continuity: 'step' }, { conversion: '<f', offset: '<f', resolution: '<f' });
  const timesS = s.timesMs.map((t) => t / 1000);
  const timestamps = addDataset(group, 'timestamps', timesS);
  addAttributes(timestamps, { interval: 1, unit: 'seconds' }, { interval: '<i' });
}

function checkIonTraces(run: NwbRun, durationMs: number): void {
  const t = run.ionTraces;
  if (t === undefined) return;
  const n = t.timesMs?.length;
  for (const key of ['timesMs', 'kOutMeanMM', 'kOutMaxMM', 'naInMeanMM'] as const) {
    const a = t[key];
    if (!(a instanceof Float64Array) || a.length !== n) throw new ExportError(`ionTraces.${key}`, `expected a Float64Array of ${n} samples`);
    for (let k = 0; k < a.length; k++) {
      const bad = !Number.isFinite(a[k]) || a[k] < 0 || (key === 'timesMs' && (a[k] > durationMs || (k > 0 && a[k] < a[k - 1])));
      if (bad) throw new ExportError(`ionTraces.${key}[${k}]`, `${a[k]} is not allowed: expected a finite value ≥ 0${key === 'timesMs' ? ', in time order, within the run' : ''}`);
    }
  }
}

const ION_SERIES: [keyof Omit<IonTraces, 'timesMs'>, string][] = [
  ['kOutMeanMM', 'Extracellular [K+]o, mean over the ion patches (docs/MODEL.md, Ion dynamics)'],
  ['kOutMaxMM', 'Extracellular [K+]o, highest of any ion patch'],
  ['naInMeanMM', 'Intracellular [Na+]i, mean over the ion patches'],
];

/** The ion bath as sampled TimeSeries (mM) in acquisition: the simulation's own "recording" of it. */
function writeIonTraces(acquisition: Group, t: IonTraces): void {
  for (const [key, description] of ION_SERIES) {
    const group = addGroup(acquisition, key);
    typed(group, 'TimeSeries', 'core');
    addAttributes(group, { description, comments: 'Sampled from the model state at each timestamp (not averaged between samples)' });
    const data = addArray(group, 'data', t[key]);
    addAttributes(data, { conversion: 1, offset: 0, resolution: -1, unit: 'mM', continuity: 'continuous' }, { conversion: '<f', offset: '<f', resolution: '<f' });
    const timestamps = addArray(group, 'timestamps', t.timesMs.map((ms) => ms / 1000));
    addAttributes(timestamps, { interval: 1, unit: 'seconds' }, { interval: '<i' });
  }
}

/** The ictal events as a TimeIntervals table (start_time, stop_time in s; k_out_peak in mM). */
function writeIctalEvents(table: Group, events: readonly IctalInterval[]): void {
  typed(table, 'TimeIntervals', 'core');
  addAttributes(table, {
    colnames: ['start_time', 'stop_time', 'k_out_peak_mM', 'under_way'],
    description: "Ictal events of Mg Gate's online analysis (src/analysis/ictal.ts): the population rate raised for 2 s or more",
  });
  typed(addDataset(table, 'id', Int32Array.from(events, (_, k) => k)), 'ElementIdentifiers', 'hdmf-common');
  column(table, 'start_time', Float64Array.from(events, (e) => e.startMs / 1000), 'Onset of the event, s from step 0');
  column(table, 'stop_time', Float64Array.from(events, (e) => e.endMs / 1000), 'End of the event, s from step 0');
  column(table, 'k_out_peak_mM', Float64Array.from(events, (e) => e.kOutPeakMM), 'Highest [K+]o of any patch during the event, mM (NaN with ions off)');
  column(
    table,
    'under_way',
    Uint32Array.from(events, (e) => (e.underWay ? 1 : 0)),
    '1: the event was still under way when the file was written (stop_time: its last raised bin so far); 0: it had ended',
  );
}

function typed(target: Group | import('h5wasm').Dataset, neurodataType: string, namespace: 'core' | 'hdmf-common'): void {
  addAttributes(target, { namespace, neurodata_type: neurodataType, object_id: uuid() });
}

/** A random (version 4) UUID, also where crypto.randomUUID is missing (a page served over plain http). */
function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (v) => v.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

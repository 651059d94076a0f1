/**
 * The live parameters' history as step series — one per parameter, a value at each time it
 * changed, holding until the next (NWB's continuity "step"). Keys are not a fixed list: whatever
 * the config's live block and the history hold becomes a series, so a live parameter added to the
 * core later (kBathMM, caOutMM, …) is exported without a change here. Its unit comes from the
 * core's LIVE_RANGES when it is listed there, else from its name's unit suffix (docs/MODEL.md,
 * Units: every field carries its unit in its name).
 */
import type { FieldRange } from '../../core/params';
import { formatRange, LIVE_RANGES } from '../../core/params';
import { ExportError } from './hdf5';
import type { LiveChange } from './run';

export interface StepSeries {
  key: string;
  /** NWB unit text: 'mM', 'Hz', … ; 'dimensionless' for scale factors */
  unit: string;
  description: string;
  timesMs: Float64Array;
  values: Float64Array;
}

const DESCRIPTIONS: Record<string, string> = {
  mgOutMM: 'Extracellular (bath) [Mg2+]o, which sets the NMDA receptor Mg2+ block B(V) (live.mgOutMM)',
  driveRateHz: 'Rate of each of the external Poisson drive inputs per neuron (live.driveRateHz)',
  gAmpaScale: 'Scale factor on AMPA conductances, recurrent and drive (live.gAmpaScale)',
  gNmdaScale: 'Scale factor on NMDA conductances (live.gNmdaScale)',
  gGabaScale: 'Scale factor on GABA_A conductances (live.gGabaScale)',
  adaptScale: 'Scale factor on the spike-triggered adaptation increment (live.adaptScale)',
};

/** Unit suffixes of the core's names (docs/MODEL.md, Units) and the unit text NWB gets. */
const SUFFIX_UNITS: [RegExp, string][] = [
  [/MM$/, 'mM'],
  [/UM$/, 'uM'],
  [/Hz$/, 'Hz'],
  [/Ms$/, 'ms'],
  [/MV$/, 'mV'],
  [/NS$/, 'nS'],
  [/PA$/, 'pA'],
  [/PF$/, 'pF'],
  [/Scale$/, 'dimensionless'],
];

export function unitOf(key: string): string {
  const range = (LIVE_RANGES as Record<string, FieldRange>)[key];
  if (range) return range.unit === '×' || range.unit === '' ? 'dimensionless' : range.unit;
  for (const [suffix, unit] of SUFFIX_UNITS) if (suffix.test(key)) return unit;
  return 'unknown';
}

/**
 * Checks the history (times finite, from 0 to durationMs, in order; values finite, within the
 * core's range where it has one) and turns it into one step series per parameter. A series starts
 * at startMs (0, or where a capped recording starts) with its value in `initial` (config.live, or the
 * values in force then), or at its first appearance in the history.
 */
export function liveStepSeries(
  initial: Readonly<Record<string, number>>,
  history: readonly LiveChange[],
  durationMs: number,
  startMs = 0,
): StepSeries[] {
  const points = new Map<string, { timesMs: number[]; values: number[] }>();
  const add = (key: string, timeMs: number, value: number): void => {
    let p = points.get(key);
    if (!p) points.set(key, (p = { timesMs: [], values: [] }));
    const last = p.values.length - 1;
    if (last >= 0 && p.values[last] === value) return; // not a change
    if (last >= 0 && p.timesMs[last] === timeMs) p.values[last] = value; // two settings in one instant: the later holds
    else {
      p.timesMs.push(timeMs);
      p.values.push(value);
    }
  };
  for (const [key, value] of Object.entries(initial)) add(key, startMs, checkValue(`config.live.${key}`, key, value));

  let previousMs = startMs;
  history.forEach((change, k) => {
    const at = `liveHistory[${k}]`;
    if (change === null || typeof change !== 'object' || change.params === null || typeof change.params !== 'object') {
      throw new ExportError(at, 'expected { timeMs, params }');
    }
    const { timeMs } = change;
    if (typeof timeMs !== 'number' || !Number.isFinite(timeMs) || timeMs < previousMs || timeMs > durationMs) {
      throw new ExportError(`${at}.timeMs`, `${String(timeMs)} is not allowed: expected ${previousMs} to ${durationMs} ms (in time order, within the run)`);
    }
    previousMs = timeMs;
    for (const [key, value] of Object.entries(change.params)) add(key, timeMs, checkValue(`${at}.params.${key}`, key, value));
  });

  return [...points].map(([key, p]) => ({
    key,
    unit: unitOf(key),
    description: DESCRIPTIONS[key] ?? `Live parameter live.${key} of Mg Gate`,
    timesMs: Float64Array.from(p.timesMs),
    values: Float64Array.from(p.values),
  }));
}

function checkValue(field: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ExportError(field, `${String(value)} is not a finite number`);
  const range = (LIVE_RANGES as Record<string, FieldRange>)[key];
  if (range && (value < range.min || value > range.max)) {
    throw new ExportError(field, `${value} is not allowed: expected ${formatRange(range)}`);
  }
  return value;
}

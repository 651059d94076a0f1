/**
 * What a person may ask for, by any door: a runner flag, a URL parameter, a parameter-file field,
 * a sweep request. One range per quantity, with the name each door gives it, so the doors agree
 * on what they accept and every error can name what the user typed (`--n`, `n`, `config.neurons`)
 * rather than an internal path.
 *
 * These are narrower than the core's own ranges (params.ts), which say what the core can build;
 * these say what a user is offered. Ranges that only a door has (the runner's --threads) live here
 * too, so there is one table to read.
 */
import { LIVE_RANGES, NETWORK_RANGES } from './params';
import type { FieldRange } from './params';

export interface UserField {
  range: FieldRange;
  /** the runner's flag for it, if the runner takes it */
  flag?: string;
  /** the page's URL parameter, if the URL carries it */
  urlKey?: string;
  /** its path in a parameter file (mg-gate/parameters), if the file holds it */
  filePath?: string;
  /**
   * The internal names a ParameterError may give it: a path in NetworkConfig (`live.mgOutMM`) or a
   * field of a sweep request (`durationMs`), so an error can be told in the user's terms.
   */
  internal: readonly string[];
}

/** Neurons a user may ask for: enough for a meaningful raster and rate, few enough to draw live. */
const NEURONS: FieldRange = { min: 100, max: 100_000, unit: 'neurons', integer: true };

export const USER_FIELDS = {
  mgOutMM: { range: LIVE_RANGES.mgOutMM, flag: '--mg', urlKey: 'mg', filePath: 'config.live.mgOutMM', internal: ['live.mgOutMM'] },
  kBathMM: { range: LIVE_RANGES.kBathMM, flag: '--k-bath', urlKey: 'k', filePath: 'config.live.kBathMM', internal: ['live.kBathMM'] },
  caOutMM: { range: LIVE_RANGES.caOutMM, flag: '--ca', urlKey: 'ca', filePath: 'config.live.caOutMM', internal: ['live.caOutMM'] },
  /** 1: the ion model on (the sheet's default), 0: fixed ion concentrations */
  ionsOn: { range: LIVE_RANGES.ionsOn, flag: '--ions', urlKey: 'ions', filePath: 'config.live.ionsOn', internal: ['live.ionsOn'] },
  seed: { range: NETWORK_RANGES.seed, flag: '--seed', urlKey: 'seed', filePath: 'config.seed', internal: ['seed'] },
  /**
   * Beyond 100,000 the sheet cannot be drawn live at a useful rate; the runner offers the same
   * range so a run it makes can be opened in the page.
   */
  neurons: { range: NEURONS, flag: '--n', urlKey: 'n', filePath: 'config.neurons', internal: ['neurons'] },
  dtMs: { range: NETWORK_RANGES.dtMs, flag: '--dt-ms', filePath: 'config.dtMs', internal: ['dtMs'] },
  /** simulated ms per real ms in the page */
  speed: { range: { min: 0.05, max: 8, unit: '× real time' }, urlKey: 'speed', filePath: 'page.speed', internal: [] },
  /**
   * One run of the runner: at least 1 ms, so the rates, the real-time factor and the burst figures
   * have a duration to be divided by; at most one simulated hour.
   */
  runDurationMs: { range: { min: 1, max: 3_600_000, unit: 'ms' }, flag: '--duration-ms', internal: [] },
  /** One point of an [Mg]o sweep (after its warm-up): up to 10 simulated minutes. */
  sweepPointMs: { range: { min: 1, max: 600_000, unit: 'ms' }, flag: '--duration-ms', internal: ['durationMs'] },
  /** The warm-up discarded before each sweep point. */
  sweepWarmupMs: { range: { min: 0, max: 60_000, unit: 'ms' }, flag: '--warmup-ms', internal: ['warmupMs'] },
  /** Concentrations in one sweep. */
  sweepPoints: { range: { min: 1, max: 200, unit: 'concentrations', integer: true }, flag: '--mg-list', internal: ['mgListMM'] },
  /** Threads stepping the network in the runner: 1, or 2 (a helper thread steps half; the same spikes). */
  threads: { range: { min: 1, max: 2, unit: '', integer: true }, flag: '--threads', internal: [] },
} as const satisfies Record<string, UserField>;

export type UserFieldName = keyof typeof USER_FIELDS;

/** The user-facing range of each field, by name. */
export const USER_RANGES = Object.fromEntries(Object.entries(USER_FIELDS).map(([name, field]) => [name, field.range])) as {
  readonly [K in UserFieldName]: FieldRange;
};

/**
 * The user field behind an internal name (`live.mgOutMM`, `neurons`, `mgListMM[3]`), or undefined
 * for a field no door offers (then the internal name is all there is to say).
 */
export function userFieldOf(internalPath: string): UserField | undefined {
  const path = internalPath.replace(/\[\d+\]$/, '');
  for (const field of Object.values(USER_FIELDS) as UserField[]) {
    if (field.internal.includes(path)) return field;
  }
  return undefined;
}

/**
 * A plain decimal number and nothing else, as every door reads a typed number: `Number('')` is 0,
 * `Number('0x1f')` is 31 and `Number('Infinity')` is infinite, none of them wanted. Surrounding
 * white space is allowed; NaN for anything else.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** True when `value` is a finite number inside `range` (and whole, for an integer range). */
export function inRange(value: number, range: FieldRange): boolean {
  return Number.isFinite(value) && value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value));
}

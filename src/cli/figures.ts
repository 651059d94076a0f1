/**
 * Figures a run may leave undefined, told as such. JSON has no NaN or Infinity (JSON.stringify
 * turns both into a bare null), and a text table should not print "NaN" or "Infinity×". So the
 * runner's output never holds a non-finite number: an undefined figure is `null` in JSON with its
 * reason under `nullReasons` (same key), and "n/a" in text.
 */
import { BIN_MS, SYNC_TAU_MS, SYNC_WARMUP_TAUS } from '../analysis/constants';
import { ICTAL_MIN_MS, ICTAL_POST_WINDOW_MS } from '../analysis/ictal';

const IONS_OFF = 'ions are off (--ions off; --preset coba has them off): [K⁺]o is not modelled';

/** Why each figure can be undefined. */
const REASONS: ReadonlyMap<string, string> = new Map([
  ['cvIsi', 'no cell fired 3 or more spikes, so there are no two intervals to compare'],
  [
    'synchrony',
    `no cell fired, or fewer than two ${BIN_MS}-ms bins were analysed (a run longer than ` +
      `${SYNC_TAU_MS * SYNC_WARMUP_TAUS} ms leaves its first ${SYNC_TAU_MS * SYNC_WARMUP_TAUS} ms out, while the filters settle)`,
  ],
  ['realtimeFactor', 'the loop took less time than the clock resolves'],
  ['kOutPeakMM', IONS_OFF],
  ['firstIctalMs', `no ictal event in the run (the population rate raised for ${ICTAL_MIN_MS / 1000} s or more: docs/MODEL.md §Ion dynamics)`],
  [
    'postictalRateRatio',
    `no ictal event with ${ICTAL_POST_WINDOW_MS / 1000} s of the run after its end and at least 1 s before its onset (with a rate above 0)`,
  ],
  ['interictalBurstRateHz', 'the whole run lay inside ictal events: no time outside them'],
]);

/** A reason for a figure not in REASONS: should not happen, but says what it is if it does. */
const UNKNOWN_REASON = 'not a finite number for this run';

export type Defined<T> = { [K in keyof T]: T[K] extends number ? number | null : T[K] };

/**
 * The record with each non-finite number replaced by null (a null kept), and `nullReasons` naming each of them
 * with why it is undefined (empty when every figure is defined).
 */
export function definedFigures<T extends object>(record: T): Defined<T> & { nullReasons: Record<string, string> } {
  const out: Record<string, unknown> = {};
  const nullReasons: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    // a figure the core left null (a sweep point's firstIctalMs with no event) is undefined too
    if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
      out[key] = null;
      nullReasons[key] = REASONS.get(key) ?? UNKNOWN_REASON;
    } else {
      out[key] = value;
    }
  }
  return { ...(out as Defined<T>), nullReasons };
}

/**
 * Items of a list (the ictal events) with each non-finite number replaced by null; an item with one
 * gets its own `nullReasons`, an item without none, so a well-defined list prints as plain objects.
 */
export function definedItems<T extends object>(items: readonly T[]): (Defined<T> & { nullReasons?: Record<string, string> })[] {
  return items.map((item) => {
    const defined = definedFigures(item);
    if (Object.keys(defined.nullReasons).length > 0) return defined;
    const { nullReasons: _none, ...plain } = defined;
    return plain as Defined<T>;
  });
}

/** A figure for text output: fixed decimals, or "n/a" when undefined. */
export function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

/** One text line per undefined figure, saying why: "n/a cvIsi: no cell fired …". */
export function reasonLines(nullReasons: Readonly<Record<string, string>>): string[] {
  return Object.entries(nullReasons).map(([key, why]) => `n/a ${key}: ${why}`);
}

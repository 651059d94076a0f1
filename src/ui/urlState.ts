/**
 * The page's shareable state and its URL form, `?preset=sheet&mg=1.2&seed=1&n=10000&speed=1`.
 * Pure: no DOM. A malformed, out-of-range or unknown parameter becomes a ParameterError naming the
 * field and its allowed range (the same wording as the core's validation) and is replaced by its
 * default; the caller shows the messages as text, never as markup.
 */
import { checkField, formatRange, LIVE_RANGES, NETWORK_RANGES, ParameterError } from '../core/params';
import type { FieldRange } from '../core/params';
import { PRESET_NAMES, PRESETS } from '../core/presets';
import type { PresetName } from '../core/presets';

export interface PageState {
  preset: PresetName;
  /** extracellular magnesium, mM */
  mgOutMM: number;
  seed: number;
  neurons: number;
  /** simulated ms per real ms */
  speed: number;
}

/** The URL parameter names, in the order they are written. */
export const URL_KEYS = ['preset', 'mg', 'seed', 'n', 'speed'] as const;
export type UrlKey = (typeof URL_KEYS)[number];

/**
 * Ranges of the URL fields. [Mg]o and the seed are the core's own ranges; the page allows fewer
 * neurons than the core builds (beyond 100,000 the sheet cannot be drawn live at a useful rate) and
 * at least 100 so the raster and rate are meaningful.
 */
export const URL_RANGES: Record<Exclude<UrlKey, 'preset'>, FieldRange> = {
  mg: LIVE_RANGES.mgOutMM,
  seed: NETWORK_RANGES.seed,
  n: { min: 100, max: 100_000, unit: 'neurons', integer: true },
  speed: { min: 0.05, max: 8, unit: '× real time' },
};

/** Read by lessons/lessonUrl.ts (a guided lesson's place), not part of the page state. */
export const LESSON_URL_KEYS = ['lesson', 'step'] as const;

/** The longest value quoted back in a notice; longer ones are cut (they are text either way). */
const MAX_QUOTED_CHARS = 40;

/** The defaults of a preset: its own [Mg]o, seed and size, at real time. */
export function defaultState(preset: PresetName = 'sheet'): PageState {
  const config = PRESETS[preset];
  return { preset, mgOutMM: config.live.mgOutMM, seed: config.seed, neurons: config.neurons, speed: 1 };
}

/** A decimal number and nothing else: `Number('')` is 0 and `Number('0x1f')` is 31, neither wanted. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(text: string): number {
  return DECIMAL.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

function quoted(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
}

function checkUrlNumber(key: Exclude<UrlKey, 'preset'>, text: string): number {
  const range = URL_RANGES[key];
  const value = parseNumber(text);
  try {
    return checkField(key, value, range);
  } catch {
    // Quote what was written, not NaN: "mg = abc is not allowed: expected from 0 to 3 mM".
    throw new ParameterError(key, quoted(text), range);
  }
}

export interface ParsedUrlState {
  state: PageState;
  /** one per rejected parameter, in URL order */
  problems: ParameterError[];
}

/**
 * Reads the page state from a query string (with or without the leading `?`). Every problem is
 * collected, not just the first, so one notice can name them all.
 */
export function parseUrlState(search: string): ParsedUrlState {
  const params = new URLSearchParams(search);
  const problems: ParameterError[] = [];
  const seen = new Set<string>();

  let preset: PresetName = 'sheet';
  const presetText = params.get('preset');
  if (presetText !== null) {
    if ((PRESET_NAMES as string[]).includes(presetText)) preset = presetText as PresetName;
    else problems.push(new ParameterError('preset', quoted(presetText), `one of ${PRESET_NAMES.join(', ')}`));
  }
  const state = defaultState(preset);

  for (const [key, text] of params) {
    if (seen.has(key)) {
      problems.push(new ParameterError(quoted(key), quoted(text), 'given once (the first value is used)'));
      continue;
    }
    seen.add(key);
    if (key === 'preset' || (LESSON_URL_KEYS as readonly string[]).includes(key)) continue;
    try {
      switch (key) {
        case 'mg':
          state.mgOutMM = checkUrlNumber('mg', text);
          break;
        case 'seed':
          state.seed = checkUrlNumber('seed', text);
          break;
        case 'n':
          state.neurons = checkUrlNumber('n', text);
          break;
        case 'speed':
          state.speed = checkUrlNumber('speed', text);
          break;
        default:
          throw new ParameterError(quoted(key), quoted(text), `a known parameter (${URL_KEYS.join(', ')})`);
      }
    } catch (error) {
      if (error instanceof ParameterError) problems.push(error);
      else throw error;
    }
  }
  return { state, problems };
}

/** Shortest decimal that reads back to the shown precision: 1.2 not 1.2000000000000002. */
function compact(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** The query string for a state, every field written so a bookmark is a complete scene. */
export function formatUrlState(state: PageState): string {
  const params = new URLSearchParams();
  params.set('preset', state.preset);
  params.set('mg', compact(state.mgOutMM, 2));
  params.set('seed', String(state.seed));
  params.set('n', String(state.neurons));
  params.set('speed', compact(state.speed, 3));
  return `?${params.toString()}`;
}

/** The notice for the parameters parseUrlState refused: each named, with the value used instead. */
export function describeProblems(problems: readonly ParameterError[], state: PageState): { title: string; lines: string[] } {
  return {
    title: problems.length === 1 ? 'A parameter in the address was not used:' : 'Some parameters in the address were not used:',
    lines: problems.map((p) => (isDuplicate(p.range) ? `${p.message}.` : `${p.message} — using ${describeDefault(p.field, state)}.`)),
  };
}

function isDuplicate(range: unknown): boolean {
  return typeof range === 'string' && range.startsWith('given once');
}

function describeDefault(field: string, state: PageState): string {
  switch (field) {
    case 'mg':
      return `${state.mgOutMM} mM`;
    case 'seed':
      return `seed ${state.seed}`;
    case 'n':
      return `${state.neurons} neurons`;
    case 'speed':
      return `${state.speed}×`;
    case 'preset':
      return `the ${state.preset} preset`;
    default:
      return 'the defaults';
  }
}

/** "mg: from 0 to 3 mM" — the allowed range of a URL field, for help text. */
export function describeUrlField(key: Exclude<UrlKey, 'preset'>): string {
  return `${key}: ${formatRange(URL_RANGES[key])}`;
}

/**
 * The page's shareable state and its URL form,
 * `?preset=sheet&mg=1.2&k=3.5&ca=2&ions=on&seed=1&n=10000&speed=1`.
 * Pure: no DOM. A malformed, out-of-range or unknown parameter becomes a ParameterError naming the
 * field and its allowed range (the same wording as the core's validation) and is replaced by its
 * default; the caller shows the messages as text, never as markup.
 */
import { checkField, formatRange, ParameterError } from '../core/params';
import type { FieldRange } from '../core/params';
import { PRESET_NAMES, PRESETS } from '../core/presets';
import type { PresetName } from '../core/presets';
import { parseDecimal, USER_FIELDS, USER_RANGES } from '../core/ranges';

export interface PageState {
  preset: PresetName;
  /** extracellular magnesium, mM */
  mgOutMM: number;
  /** the bath's potassium, mM (the patches' [K⁺]o relax to it) */
  kBathMM: number;
  /** extracellular calcium, mM */
  caOutMM: number;
  /** 1: [K⁺]o and [Na⁺]i move with firing; 0: fixed ions (the NMDA story alone). URL: ions=on / ions=off */
  ionsOn: 0 | 1;
  seed: number;
  neurons: number;
  /** simulated ms per real ms */
  speed: number;
}

/**
 * The page state's numbers. Each is a user field of ranges.ts, so the URL, the parameter file and
 * the page's own fields accept the same values (a file cannot load what a reloaded URL refuses).
 */
export const PAGE_NUMBERS = ['mgOutMM', 'kBathMM', 'caOutMM', 'seed', 'neurons', 'speed'] as const;
export type PageNumber = (typeof PAGE_NUMBERS)[number];

/** The URL parameter names, in the order they are written. */
export const URL_KEYS = ['preset', 'mg', 'k', 'ca', 'ions', 'seed', 'n', 'speed'] as const;
export type UrlKey = (typeof URL_KEYS)[number];
type UrlNumberKey = Exclude<UrlKey, 'preset' | 'ions'>;

/** The words of the `ions` parameter (ranges.ts ionsOn: 1 or 0). */
export const IONS_WORDS = { on: 1, off: 0 } as const;

/** The page number each URL parameter carries (ranges.ts names the parameter, `urlKey`). */
const NUMBER_OF_URL_KEY = Object.fromEntries(PAGE_NUMBERS.map((name) => [USER_FIELDS[name].urlKey, name])) as Record<UrlNumberKey, PageNumber>;

/** Ranges of the URL fields: the user ranges of ranges.ts, under the URL's names. */
export const URL_RANGES: Record<UrlNumberKey, FieldRange> = {
  mg: USER_RANGES.mgOutMM,
  k: USER_RANGES.kBathMM,
  ca: USER_RANGES.caOutMM,
  seed: USER_RANGES.seed,
  n: USER_RANGES.neurons,
  speed: USER_RANGES.speed,
};

/** Read by lessons/lessonUrl.ts (a guided lesson's place), not part of the page state. */
export const LESSON_URL_KEYS = ['lesson', 'step'] as const;

/** The defaults of a preset: its own ions, seed and size, at real time. */
export function defaultState(preset: PresetName = 'sheet'): PageState {
  const config = PRESETS[preset];
  const { mgOutMM, kBathMM, caOutMM, ionsOn } = config.live;
  return { preset, mgOutMM, kBathMM, caOutMM, ionsOn: ionsOn === 1 ? 1 : 0, seed: config.seed, neurons: config.neurons, speed: 1 };
}

/** Reads `ions=on` / `ions=off` (exactly those words); a ParameterError otherwise. */
export function readIonsWord(text: string, field = 'ions'): 0 | 1 {
  if (text === 'on' || text === 'off') return IONS_WORDS[text];
  throw new ParameterError(field, text, 'on or off');
}

/**
 * The one check of a page number, whichever door it came by: a finite number within its user
 * range (ranges.ts). Throws a ParameterError naming `field`, the name the user gave it (the URL's
 * `n`, the file's `config.neurons`, the field's "Neurons").
 */
export function checkPageNumber(name: PageNumber, value: unknown, field: string): number {
  return checkField(field, value, USER_RANGES[name]);
}

/**
 * A typed page number (a URL parameter, a field of the page): a plain decimal (ranges.ts
 * parseDecimal), then checkPageNumber. The refusal quotes what was typed, not NaN:
 * "mg = abc is not allowed: expected from 0 to 3 mM".
 */
export function readPageNumber(name: PageNumber, text: string, field: string): number {
  try {
    return checkPageNumber(name, parseDecimal(text), field);
  } catch {
    throw new ParameterError(field, text, USER_RANGES[name]);
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
    else problems.push(new ParameterError('preset', presetText, `one of ${PRESET_NAMES.join(', ')}`));
  }
  const state = defaultState(preset);

  for (const [key, text] of params) {
    if (seen.has(key)) {
      problems.push(new ParameterError(key, text, 'given once (the first value is used)'));
      continue;
    }
    seen.add(key);
    if (key === 'preset' || (LESSON_URL_KEYS as readonly string[]).includes(key)) continue;
    try {
      if (key === 'ions') {
        state.ionsOn = readIonsWord(text);
        continue;
      }
      const name = Object.hasOwn(NUMBER_OF_URL_KEY, key) ? NUMBER_OF_URL_KEY[key as UrlNumberKey] : undefined;
      if (name === undefined) throw new ParameterError(key, text, `a known parameter (${URL_KEYS.join(', ')})`);
      state[name] = readPageNumber(name, text, key);
    } catch (error) {
      if (error instanceof ParameterError) problems.push(error);
      else throw error;
    }
  }
  return { state, problems };
}

/**
 * The query string for a state, every field written so a bookmark is a complete scene. Numbers are
 * written exactly: String(x) is the shortest decimal that reads back to the same double, so the
 * bookmark rebuilds the very run (mg=1.984 stays 1.984; 0.1 + 0.2 is 0.30000000000000004).
 */
export function formatUrlState(state: PageState): string {
  const params = new URLSearchParams();
  params.set('preset', state.preset);
  for (const key of URL_KEYS) {
    if (key === 'ions') params.set(key, state.ionsOn === 1 ? 'on' : 'off');
    else if (key !== 'preset') params.set(key, String(state[NUMBER_OF_URL_KEY[key]]));
  }
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
    case 'k':
      return `[K+] bath ${state.kBathMM} mM`;
    case 'ca':
      return `[Ca2+]o ${state.caOutMM} mM`;
    case 'ions':
      return state.ionsOn === 1 ? 'ions on' : 'ions off';
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
export function describeUrlField(key: UrlNumberKey): string {
  return `${key}: ${formatRange(URL_RANGES[key])}`;
}

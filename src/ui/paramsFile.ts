/**
 * The parameter file: the whole network configuration, with the live parameters as they are now,
 * as JSON that loads again.
 *
 * Reading is all or nothing, and names every bad field at once. The fields ranges.ts gives a file
 * path (config.neurons, config.seed, config.dtMs, config.live.mgOutMM, page.speed) are checked
 * against the user ranges the URL and the page's fields use, so a file cannot load what a reloaded
 * URL refuses; the rest of the configuration by the core's own validation (validateConfig). The core stops at the first bad
 * field, so each one it names is set aside (replaced by the preset's value, or dropped if the
 * preset has no such field) and the check runs again, until it passes: every field is named by
 * its path in the file, with its value made safe and its allowed range. Nothing of a refused file
 * reaches the page.
 */
import { echo } from '../core/echo';
import { checkField, ParameterError, validateConfig } from '../core/params';
import type { NetworkConfig } from '../core/params';
import { presetConfig } from '../core/presets';
import type { PresetName } from '../core/presets';
import { USER_FIELDS } from '../core/ranges';
import type { UserField } from '../core/ranges';
import { checkPageNumber } from './urlState';
import type { PageState } from './urlState';

export const PARAMS_FORMAT = 'mg-gate/parameters';
/** 2: `config.live` has the ion fields (kBathMM, caOutMM, ionsOn). */
export const PARAMS_VERSION = 2;
/**
 * Files of version 1 were saved by the fixed-ion model: they load as that, with the ion fields
 * they lack filled in — ions off, the preset's bath — so a lecturer's saved scene still opens.
 */
const ION_FIELDS_OF_VERSION_2 = ['kBathMM', 'caOutMM', 'ionsOn'] as const;

export interface ParamsFile {
  format: typeof PARAMS_FORMAT;
  version: number;
  savedAt: string;
  /** the network as built, with `live` the live parameters at the time of saving */
  config: NetworkConfig;
  /** page settings that are not part of the network */
  page: { speed: number };
}

/** The fields a file holds at its top level and in `page`; any other is refused, as the core refuses a misspelt field. */
const FILE_KEYS = ['format', 'version', 'savedAt', 'config', 'page'] as const;
const PAGE_KEYS = ['speed'] as const;
/** The speed of a file that names none (files from before page.speed). */
const DEFAULT_SPEED = 1;
/** More problems than this are not worth listing: the file is something else. */
export const MAX_FILE_PROBLEMS = 50;
/** The longest JSON parser message quoted (it may quote the file). */
const MAX_JSON_MESSAGE_CHARS = 120;

/** The user fields of ranges.ts that a file's configuration holds, with their paths in `config`. */
const CONFIG_USER_FIELDS = (Object.values(USER_FIELDS) as UserField[]).flatMap(({ filePath, range }) =>
  filePath?.startsWith('config.') ? [{ filePath, path: filePath.slice('config.'.length), range }] : [],
);

export function paramsFileOf(config: NetworkConfig, speed: number, now = new Date()): ParamsFile {
  return { format: PARAMS_FORMAT, version: PARAMS_VERSION, savedAt: now.toISOString(), config: structuredClone(config), page: { speed } };
}

export function formatParamsFile(file: ParamsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A refused parameter file: every problem, in file order; the message lists them all. */
export class ParamsFileError extends Error {
  constructor(readonly problems: readonly Error[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'ParamsFileError';
  }
}

/** A file read: the file, or every reason it was refused. */
export type ParamsFileReading = { file: ParamsFile; problems: [] } | { file: null; problems: Error[] };

/** Parses and validates a parameter file; throws a ParamsFileError naming every problem. */
export function parseParamsFile(text: string): ParamsFile {
  const { file, problems } = readParamsFile(text);
  if (!file) throw new ParamsFileError(problems);
  return file;
}

/** Reads a parameter file's text (pure): the file, or every problem with it. */
export function readParamsFile(text: string): ParamsFileReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const why = echo(error instanceof Error ? error.message : String(error), MAX_JSON_MESSAGE_CHARS);
    return refused([new Error(`Not a parameter file: the JSON does not parse (${why})`)]);
  }
  return checkParamsFile(data);
}

/** Checks parsed JSON as a parameter file (pure; the data is not changed, and not kept). */
export function checkParamsFile(given: unknown): ParamsFileReading {
  if (!isRecord(given)) return refused([new Error('Not a parameter file: expected a JSON object')]);
  let data = given;
  if (data.format !== PARAMS_FORMAT) return refused([new Error(`Not a parameter file: "format" should be "${PARAMS_FORMAT}"`)]);
  const problems: Error[] = unknownKeys('', data, FILE_KEYS);
  if (data.version === 1) data = upgradedFromVersion1(data);
  else if (data.version !== PARAMS_VERSION) problems.push(new ParameterError('version', data.version, `1 or ${PARAMS_VERSION}`));
  if (data.savedAt !== undefined && typeof data.savedAt !== 'string') problems.push(new ParameterError('savedAt', data.savedAt, 'a date as text'));
  problems.push(...configProblems(data.config));
  let speed = DEFAULT_SPEED;
  if (data.page !== undefined) {
    if (!isRecord(data.page)) {
      problems.push(new ParameterError('page', data.page, 'an object such as { "speed": 1 }'));
    } else {
      problems.push(...unknownKeys('page', data.page, PAGE_KEYS));
      const given = data.page.speed;
      if (given !== undefined) speed = collect(problems, () => checkPageNumber('speed', given, USER_FIELDS.speed.filePath));
    }
  }
  if (problems.length > 0) return refused(inFileOrder(problems, data).slice(0, MAX_FILE_PROBLEMS));
  const config = structuredClone(data.config) as NetworkConfig;
  const savedAt = (data.savedAt as string | undefined) ?? '';
  return { file: { format: PARAMS_FORMAT, version: PARAMS_VERSION, savedAt, config, page: { speed } }, problems: [] };
}

/** A copy of a version-1 file with the ion fields it lacks (see ION_FIELDS_OF_VERSION_2). */
function upgradedFromVersion1(data: Record<string, unknown>): Record<string, unknown> {
  const config = data.config;
  if (!isRecord(config) || !isRecord(config.live)) return data; // the checks below name what is wrong
  const base = presetConfig(isRecord(config.topology) && config.topology.kind === 'random' ? 'coba' : 'sheet').live;
  const live: Record<string, unknown> = { ...config.live };
  for (const key of ION_FIELDS_OF_VERSION_2) {
    if (!Object.hasOwn(live, key)) live[key] = key === 'ionsOn' ? 0 : base[key];
  }
  return { ...data, config: { ...config, live } };
}

/** The page state a valid file asks for: its network's preset, size, seed and ions, and its speed. */
export function pageStateOfFile(file: ParamsFile): PageState {
  const { config } = file;
  const { mgOutMM, kBathMM, caOutMM, ionsOn } = config.live;
  return { preset: presetOfConfig(config), neurons: config.neurons, seed: config.seed, mgOutMM, kBathMM, caOutMM, ionsOn: ionsOn === 1 ? 1 : 0, speed: file.page.speed };
}

/** The page preset a configuration belongs with (for the URL and the preset menu). */
export function presetOfConfig(config: NetworkConfig): PresetName {
  return config.topology.kind === 'sheet' ? 'sheet' : 'coba';
}

/**
 * Every problem of `config`, named by its path in the file (`config.exc.gAmpaNS`). The page's
 * fields are checked first against their user ranges; then the core's validation, each field it
 * names set aside on a copy until the copy passes (see the header).
 */
function configProblems(config: unknown): ParameterError[] {
  if (!isRecord(config)) return [new ParameterError('config', config, 'an object')];
  const copy = structuredClone(config);
  const topology = copy.topology;
  const base = presetConfig(isRecord(topology) && topology.kind === 'random' ? 'coba' : 'sheet') as unknown as Record<string, unknown>;
  const problems: ParameterError[] = [];
  const setAside = new Set<string>();
  // the core takes a list for a group (typeof [] is 'object') and names its items: a list is not a group
  listsForGroups(copy, base, '', (path) => {
    problems.push(new ParameterError(`config.${path}`, locate(copy, path)?.parent[path.slice(path.lastIndexOf('.') + 1)], 'an object'));
    setAside.add(path);
    replaceFromBase(copy, base, path);
  });
  for (const { filePath, path, range } of CONFIG_USER_FIELDS) {
    const where = locate(copy, path);
    if (!where) continue; // its group is not an object: the core names the group
    try {
      checkField(filePath, Object.hasOwn(where.parent, where.key) ? where.parent[where.key] : undefined, range);
    } catch (error) {
      if (!(error instanceof ParameterError)) throw error;
      problems.push(error);
      setAside.add(path);
      replaceFromBase(copy, base, path);
    }
  }
  while (problems.length < MAX_FILE_PROBLEMS) {
    try {
      validateConfig(copy as unknown as NetworkConfig);
      break;
    } catch (error) {
      if (!(error instanceof ParameterError)) throw error;
      let aside = error.field;
      if (setAside.has(aside)) {
        // Named again: the preset's value fails a rule between two fields (exc.vResetMV below the
        // file's exc.vThreshMV). What the file got wrong there is said already; the preset's whole
        // group goes in its place (its ranges were checked before any such rule), and the check goes on.
        aside = aside.slice(0, Math.max(0, aside.lastIndexOf('.')));
        if (aside === '' || setAside.has(aside)) break;
      } else {
        problems.push(new ParameterError(aside === 'config' ? 'config' : `config.${aside}`, error.value, error.range));
      }
      if (!replaceFromBase(copy, base, aside)) break;
      setAside.add(aside);
    }
  }
  return problems;
}

/**
 * Puts the preset's value at `path` in `copy`, or drops the field where the preset has none (a
 * misspelt field). A bad topology kind takes the preset's whole topology: the rest of a topology
 * of an unknown kind means nothing. False when the path cannot be found.
 */
function replaceFromBase(copy: Record<string, unknown>, base: Record<string, unknown>, path: string): boolean {
  const target = locate(copy, path === 'topology.kind' ? 'topology' : path);
  if (!target) return false;
  const source = locate(base, path === 'topology.kind' ? 'topology' : path);
  if (source && Object.hasOwn(source.parent, source.key)) {
    Object.defineProperty(target.parent, target.key, { value: structuredClone(source.parent[source.key]), enumerable: true, writable: true, configurable: true });
    return true;
  }
  if (!Object.hasOwn(target.parent, target.key)) return false;
  delete target.parent[target.key];
  return true;
}

/** Calls `found` with the path of each list in `copy` where `base` has a group (an object). */
function listsForGroups(copy: Record<string, unknown>, base: Record<string, unknown>, prefix: string, found: (path: string) => void): void {
  for (const key of Object.keys(base)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const [mine, theirs] = [Object.hasOwn(copy, key) ? copy[key] : undefined, base[key]];
    if (!isRecord(theirs)) continue;
    if (Array.isArray(mine)) found(path);
    else if (isRecord(mine)) listsForGroups(mine, theirs, path, found);
  }
}

/**
 * The object holding `path` and the key in it, or null where a step is not an object. A key may
 * itself hold dots (a misspelt field `"a.b"`): the longest own key that matches the rest is taken.
 */
function locate(root: Record<string, unknown>, path: string): { parent: Record<string, unknown>; key: string } | null {
  const parts = path.split('.');
  let parent = root;
  for (let k = 0; k < parts.length - 1; k++) {
    const rest = parts.slice(k).join('.');
    if (Object.hasOwn(parent, rest)) return { parent, key: rest };
    const next = Object.hasOwn(parent, parts[k]) ? parent[parts[k]] : undefined;
    if (!isRecord(next)) return null;
    parent = next;
  }
  return { parent, key: parts[parts.length - 1] };
}

function unknownKeys(prefix: string, group: Record<string, unknown>, known: readonly string[]): ParameterError[] {
  return Object.keys(group)
    .filter((key) => !known.includes(key))
    .map((key) => new ParameterError(prefix ? `${prefix}.${key}` : key, group[key], `one of the known fields: ${known.join(', ')}`));
}

/** Problems in the order their fields appear in the file (stable; a field the file lacks goes last). */
function inFileOrder(problems: Error[], data: Record<string, unknown>): Error[] {
  const order = new Map<string, number>();
  const visit = (group: Record<string, unknown>, prefix: string): void => {
    for (const key of Object.keys(group)) {
      const path = prefix ? `${prefix}.${key}` : key;
      order.set(path, order.size);
      const value = group[key];
      if (isRecord(value)) visit(value, path);
    }
  };
  visit(data, '');
  const rank = (problem: Error): number => (problem instanceof ParameterError ? order.get(problem.field) : undefined) ?? order.size;
  return problems.map((problem, k) => ({ problem, k })).sort((a, b) => rank(a.problem) - rank(b.problem) || a.k - b.k).map(({ problem }) => problem);
}

/** The value `check` returns, or NaN with its ParameterError added to `problems`. */
function collect(problems: Error[], check: () => number): number {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    problems.push(error);
    return Number.NaN;
  }
}

/** A JSON object: not null, not an array. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function refused(problems: Error[]): ParamsFileReading {
  return { file: null, problems };
}

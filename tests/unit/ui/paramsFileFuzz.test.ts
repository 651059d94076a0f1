// Fuzzing the parameter file reader (issue 16): 2,000 seeded files, each a saved file of a preset
// spoilt in a few places (a field set to a hostile value or removed, a misspelt or __proto__ field,
// a group that is not an object, another topology, the page settings, the version, a broken JSON
// text). Each is accepted whole — a configuration the core builds and a page state the URL takes
// back unchanged — or refused as a whole with every field that is wrong on its own named by its
// path in the file, on one safe line; anything else is a crash.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INIT_RANGES,
  LIVE_RANGES,
  NETWORK_RANGES,
  ParameterError,
  POPULATION_RANGES,
  RANDOM_TOPOLOGY_RANGES,
  SHEET_TOPOLOGY_RANGES,
  SYNAPSE_RANGES,
  validateConfig,
} from '../../../src/core/params';
import type { FieldRange, NetworkConfig } from '../../../src/core/params';
import { presetConfig } from '../../../src/core/presets';
import { inRange, USER_FIELDS } from '../../../src/core/ranges';
import type { UserField } from '../../../src/core/ranges';
import { formatParamsFile, pageStateOfFile, PARAMS_VERSION, paramsFileOf, readParamsFile } from '../../../src/ui/paramsFile';
import { formatUrlState, parseUrlState } from '../../../src/ui/urlState';
import { EDGE_NUMBERS, PROPERTY_NAMES } from '../cli/fuzzArgs';

const SEED = 1616;
const FILES = 2000;

type Json = Record<string, unknown>;

/** Each numeric field's own range by its path in the file: the core's, or the user range where ranges.ts gives one. */
function rangesOf(topologyKind: unknown): Map<string, FieldRange> {
  const ranges = new Map<string, FieldRange>();
  const add = (prefix: string, table: Record<string, FieldRange>) => {
    for (const [key, range] of Object.entries(table)) ranges.set(`${prefix}.${key}`, range);
  };
  add('config', NETWORK_RANGES);
  add('config.exc', POPULATION_RANGES);
  add('config.inh', POPULATION_RANGES);
  add('config.synapses', SYNAPSE_RANGES);
  add('config.init', INIT_RANGES);
  add('config.live', LIVE_RANGES);
  if (topologyKind === 'sheet') add('config.topology', SHEET_TOPOLOGY_RANGES);
  if (topologyKind === 'random') add('config.topology', RANDOM_TOPOLOGY_RANGES);
  for (const field of Object.values(USER_FIELDS) as UserField[]) if (field.filePath) ranges.set(field.filePath, field.range);
  return ranges;
}

const GROUPS = ['config.exc', 'config.inh', 'config.synapses', 'config.init', 'config.live', 'config.topology', 'config', 'page', ''];
const ALL_PATHS = [...rangesOf('sheet').keys(), ...rangesOf('random').keys()];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_NUMBERS.map(Number).filter(Number.isFinite)) },
  { weight: 3, arbitrary: fc.double({ min: -10, max: 300, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 300_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 5e-324, 2 ** 53 + 1) },
  { weight: 2, arbitrary: fc.constantFrom('1', '', 'NaN', 'Infinity', '<img src=x onerror=alert(1)>', 'x\ny', '\u202e', 'x'.repeat(5000)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], [1], {}, { value: 1 }) },
  { weight: 1, arbitrary: fc.constant(undefined) }, // the field removed
);

type Spoil =
  | { kind: 'field'; path: string; value: unknown }
  | { kind: 'unknown'; group: string; key: string; value: unknown }
  | { kind: 'group'; group: string; value: unknown }
  | { kind: 'topology'; value: unknown }
  | { kind: 'text'; cut: number; insert: string };

const spoil: fc.Arbitrary<Spoil> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('field' as const), path: fc.constantFrom(...ALL_PATHS, 'config.preset', 'version', 'savedAt', 'config.topology.rule', 'config.topology.allowAutapses'), value: hostileValue }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('unknown' as const),
      group: fc.constantFrom(...GROUPS),
      key: fc.oneof(fc.constantFrom(...PROPERTY_NAMES, 'a.b', 'gAmpa', 'speed ', 'NMDA'), fc.string({ minLength: 1, maxLength: 8 })),
      value: hostileValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('group' as const), group: fc.constantFrom(...GROUPS.filter(Boolean)), value: fc.constantFrom(5, 'x', null, [], [1, 2]) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('topology' as const), value: fc.constantFrom('sheet', 'random', 'ring', 7, null) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), cut: fc.nat(4000), insert: fc.constantFrom('', ',', '}', 'NaN', '\u0000', '"') }) },
);

interface FileCase {
  preset: 'sheet' | 'coba';
  neurons: number;
  spoils: Spoil[];
}

const fileCase: fc.Arbitrary<FileCase> = fc.record({
  preset: fc.constantFrom('sheet', 'coba') as fc.Arbitrary<'sheet' | 'coba'>,
  neurons: fc.integer({ min: 100, max: 20_000 }),
  spoils: fc.array(spoil, { minLength: 0, maxLength: 4 }),
});

/** The record at a dotted path of known (dot-free) keys, or undefined. */
function groupAt(data: Json, path: string): Json | undefined {
  let at: unknown = data;
  for (const key of path ? path.split('.') : []) at = isRecord(at) && Object.hasOwn(at, key) ? at[key] : undefined;
  return isRecord(at) ? at : undefined;
}

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Sets (or, for undefined, removes) an own field; never a prototype, even for "__proto__". */
function put(group: Json, key: string, value: unknown): void {
  if (value === undefined) delete group[key];
  else Object.defineProperty(group, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The file's text after its spoils, and what it parses to (null when the text was damaged beyond JSON). */
function spoiltText(c: FileCase): { text: string; data: Json | null } {
  const config: NetworkConfig = { ...presetConfig(c.preset), neurons: c.neurons };
  const data = JSON.parse(formatParamsFile(paramsFileOf(config, 1, new Date(0)))) as Json;
  let damage: { cut: number; insert: string } | null = null;
  for (const s of c.spoils) {
    if (s.kind === 'text') damage = s;
    else if (s.kind === 'topology') {
      const topology = groupAt(data, 'config.topology');
      if (topology) put(topology, 'kind', s.value);
    } else {
      const [group, key] =
        s.kind === 'field' ? [s.path.slice(0, Math.max(0, s.path.lastIndexOf('.'))), s.path.slice(s.path.lastIndexOf('.') + 1)]
        : s.kind === 'unknown' ? [s.group, s.key]
        : [s.group.slice(0, Math.max(0, s.group.lastIndexOf('.'))), s.group.slice(s.group.lastIndexOf('.') + 1)];
      const target = groupAt(data, group);
      if (target) put(target, key, s.value);
    }
  }
  const text = JSON.stringify(data, null, 2);
  if (!damage) return { text, data: JSON.parse(text) as Json }; // as written: -0 is written 0
  const cut = damage.cut % text.length;
  const damaged = text.slice(0, cut) + damage.insert + text.slice(cut + 1);
  try {
    return { text: damaged, data: JSON.parse(damaged) as Json };
  } catch {
    return { text: damaged, data: null };
  }
}

const KNOWN_CONFIG_KEYS = ['preset', ...Object.keys(NETWORK_RANGES), 'topology', 'exc', 'inh', 'synapses', 'init', 'live'];

/**
 * The fields of a parsed file that are wrong on their own (whatever else is wrong): a numeric
 * field missing or outside its range, a group that is not an object, a field no reader knows, a
 * bad version, date, preset name, topology kind, rule or autapse flag.
 */
function badOnTheirOwn(data: Json): string[] {
  const bad: string[] = [];
  const unknown = (path: string, known: string[]) => {
    const group = groupAt(data, path);
    for (const key of Object.keys(group ?? {})) if (!known.includes(key)) bad.push(path ? `${path}.${key}` : key);
  };
  unknown('', ['format', 'version', 'savedAt', 'config', 'page']);
  if (data.version !== 1 && data.version !== PARAMS_VERSION) bad.push('version');
  // a version-1 file was saved before the ion fields: their absence there is not a fault
  const filledInVersion1 = data.version === 1 ? ['config.live.kBathMM', 'config.live.caOutMM', 'config.live.ionsOn'] : [];
  if (data.savedAt !== undefined && typeof data.savedAt !== 'string') bad.push('savedAt');
  if (data.page !== undefined && !isRecord(data.page)) bad.push('page');
  unknown('page', ['speed']);
  const speed = groupAt(data, 'page')?.speed;
  if (speed !== undefined && !(typeof speed === 'number' && inRange(speed, USER_FIELDS.speed.range))) bad.push('page.speed');
  const config = groupAt(data, 'config');
  if (!config) return [...bad, 'config'];
  unknown('config', KNOWN_CONFIG_KEYS);
  if (typeof config.preset !== 'string' || config.preset.length === 0 || config.preset.length > 64) bad.push('config.preset');
  for (const group of ['exc', 'inh', 'synapses', 'init', 'live', 'topology']) if (!isRecord(config[group])) bad.push(`config.${group}`);
  const kind = groupAt(data, 'config.topology')?.kind;
  const knownKind = kind === 'sheet' || kind === 'random';
  if (groupAt(data, 'config.topology') && !knownKind) bad.push('config.topology.kind');
  for (const [path, range] of rangesOf(kind)) {
    if (path === 'page.speed') continue; // may be left out (checked above)
    const cut = path.lastIndexOf('.');
    const group = groupAt(data, path.slice(0, cut));
    const value = group?.[path.slice(cut + 1)];
    if (value === undefined && filledInVersion1.includes(path)) continue;
    if (group && !(typeof value === 'number' && inRange(value, range))) bad.push(path);
  }
  for (const group of ['exc', 'inh', 'synapses', 'init', 'live']) {
    const ranges = [...rangesOf(kind).keys()].filter((p) => p.startsWith(`config.${group}.`)).map((p) => p.slice(`config.${group}.`.length));
    unknown(`config.${group}`, ranges);
  }
  if (knownKind) {
    const topology = groupAt(data, 'config.topology')!;
    const keys = Object.keys(kind === 'sheet' ? SHEET_TOPOLOGY_RANGES : RANDOM_TOPOLOGY_RANGES);
    unknown('config.topology', ['kind', ...keys, ...(kind === 'random' ? ['rule', 'allowAutapses'] : [])]);
    if (kind === 'random' && topology.rule !== 'pairwise' && topology.rule !== 'fixed-indegree') bad.push('config.topology.rule');
    if (kind === 'random' && typeof topology.allowAutapses !== 'boolean') bad.push('config.topology.allowAutapses');
  }
  return bad;
}

/** Characters that would split or garble a one-line message (echo.ts escapes them). */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;

type Outcome = { kind: 'accepted' | 'rejected' } | { kind: 'crashed'; why: string };

function tryFile(c: FileCase): Outcome {
  const { text, data } = spoiltText(c);
  let reading: ReturnType<typeof readParamsFile>;
  try {
    reading = readParamsFile(text);
  } catch (error) {
    return { kind: 'crashed', why: `threw ${(error as Error)?.name}: ${(error as Error)?.message}` };
  }
  const { file, problems } = reading;
  if (file) {
    if (problems.length > 0) return { kind: 'crashed', why: 'a file and problems both' };
    const bad = data ? badOnTheirOwn(data) : ['(text)'];
    if (bad.length > 0) return { kind: 'crashed', why: `accepted with ${bad.join(', ')} wrong` };
    try {
      validateConfig(file.config);
    } catch (error) {
      return { kind: 'crashed', why: `accepted a configuration the core refuses: ${(error as Error).message}` };
    }
    if (!isDeepStrictEqual(file.config, data!.config)) return { kind: 'crashed', why: 'accepted, but not as written' };
    const state = pageStateOfFile(file);
    const back = parseUrlState(formatUrlState(state));
    if (back.problems.length > 0 || !isDeepStrictEqual(back.state, state)) {
      return { kind: 'crashed', why: `accepted a state the URL does not take back: ${back.problems.map((p) => p.message).join('; ')}` };
    }
    return { kind: 'accepted' };
  }
  if (problems.length === 0) return { kind: 'crashed', why: 'refused without a reason' };
  for (const { message } of problems) {
    if (LINE_BREAKING.test(message) || message.length > 300) return { kind: 'crashed', why: `an unsafe message: ${JSON.stringify(message.slice(0, 200))}` };
  }
  const notAFile = !data || !isRecord(data) || data.format !== 'mg-gate/parameters';
  if (notAFile) {
    if (problems.length !== 1 || !problems[0].message.startsWith('Not a parameter file:')) return { kind: 'crashed', why: `not a file, but: ${problems[0].message}` };
    return { kind: 'rejected' };
  }
  const named = new Set(problems.map((p) => (p instanceof ParameterError ? p.field : '')));
  if (named.has('')) return { kind: 'crashed', why: `a problem naming no field: ${problems.find((p) => !(p instanceof ParameterError))?.message}` };
  const missed = badOnTheirOwn(data).filter((path) => !named.has(path));
  if (missed.length > 0) return { kind: 'crashed', why: `${missed.join(', ')} not named (named: ${[...named].join(', ')})` };
  return { kind: 'rejected' };
}

describe('fuzzing the parameter file reader', () => {
  it(`answers ${FILES} seeded files: accepted whole, or refused naming every bad field`, () => {
    const cases = fc.sample(fileCase, { seed: SEED, numRuns: FILES });
    const counts = { accepted: 0, rejected: 0, crashed: 0 };
    const crashes: string[] = [];
    for (const c of cases) {
      const outcome = tryFile(c);
      counts[outcome.kind]++;
      if (outcome.kind === 'crashed' && crashes.length < 5) crashes.push(`${JSON.stringify(c).slice(0, 400)} → ${outcome.why}`);
    }
    console.log(`parameter file fuzz (seed ${SEED}): ${cases.length} files, ${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.crashed} crashed`);
    expect(crashes).toEqual([]);
    // both outcomes are exercised, or the generator has gone blind
    expect(counts.accepted).toBeGreaterThan(100);
    expect(counts.rejected).toBeGreaterThan(1000);
  });
});

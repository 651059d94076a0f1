/**
 * Command-line arguments of the headless runner: parsed and validated without touching the
 * process, so tests can check every message. A bad argument is a UsageError naming the flag and
 * its allowed range (the user-facing ranges of src/core/ranges.ts, which the URL and the parameter
 * file share); the runner prints that one line and exits with status 2. Values quoted back are
 * made safe and cut short (src/core/echo.ts), so the line stays one line.
 *
 * Flags are looked up in Maps, never as properties of an object literal: `constructor`,
 * `__proto__` or `toString` on the command line is an unknown argument like any other.
 */
import { echo } from '../core/echo';
import { formatRange } from '../core/params';
import type { FieldRange } from '../core/params';
import { PRESET_NAMES } from '../core/presets';
import type { PresetName } from '../core/presets';
import { inRange, parseDecimal, USER_RANGES } from '../core/ranges';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Experiment = 'run' | 'iv' | 'sweep';
const EXPERIMENTS: readonly Experiment[] = ['run', 'iv', 'sweep'];

/** `--ions on|off`: the ion dynamics (docs/MODEL.md §Ion dynamics); the preset's choice when not given. */
export type IonsSwitch = 'on' | 'off';
const IONS_SWITCH: readonly IonsSwitch[] = ['on', 'off'];

export interface RunnerArgs {
  preset: PresetName;
  experiment: Experiment;
  mgOutMM?: number;
  /** the bath's [K⁺] and [Ca²⁺], mM; the preset's when not given */
  kBathMM?: number;
  caOutMM?: number;
  ions?: IonsSwitch;
  neurons?: number;
  /** the run's duration; in a sweep, each concentration's (after its warm-up) */
  durationMs: number;
  dtMs?: number;
  seed?: number;
  json: boolean;
  spikesPath?: string;
  /** hand-off (src/cli/handOff.ts): an NWB file of the run, the network as a Brian2 or NEST (SONATA) folder */
  nwbPath?: string;
  brian2Dir?: string;
  nestDir?: string;
  mgListMM?: number[];
  warmupMs: number;
  /** threads stepping the network: 1, or 2 (a helper thread steps half; the same spikes) */
  threads?: number;
}

type NumericKey = 'mgOutMM' | 'kBathMM' | 'caOutMM' | 'neurons' | 'durationMs' | 'dtMs' | 'seed' | 'warmupMs' | 'threads';

const NUMERIC_FLAGS: ReadonlyMap<string, { key: NumericKey; range: FieldRange }> = new Map([
  ['--mg', { key: 'mgOutMM', range: USER_RANGES.mgOutMM }],
  ['--k-bath', { key: 'kBathMM', range: USER_RANGES.kBathMM }],
  ['--ca', { key: 'caOutMM', range: USER_RANGES.caOutMM }],
  ['--n', { key: 'neurons', range: USER_RANGES.neurons }],
  ['--duration-ms', { key: 'durationMs', range: USER_RANGES.runDurationMs }],
  ['--dt-ms', { key: 'dtMs', range: USER_RANGES.dtMs }],
  ['--seed', { key: 'seed', range: USER_RANGES.seed }],
  ['--warmup-ms', { key: 'warmupMs', range: USER_RANGES.sweepWarmupMs }],
  ['--threads', { key: 'threads', range: USER_RANGES.threads }],
]);

/** The flags each experiment uses; any other is refused rather than silently ignored. */
const FLAGS_OF: ReadonlyMap<Experiment, readonly string[]> = new Map<Experiment, readonly string[]>([
  ['run', ['--preset', '--mg', '--ions', '--k-bath', '--ca', '--n', '--duration-ms', '--dt-ms', '--seed', '--json', '--spikes', '--threads', '--nwb', '--export-brian2', '--export-nest']],
  ['sweep', ['--preset', '--mg-list', '--ions', '--k-bath', '--ca', '--n', '--duration-ms', '--dt-ms', '--seed', '--json', '--warmup-ms']],
  ['iv', ['--mg', '--json']],
]);

/** The sweep's [Mg]o list when --mg-list is not given. */
export const DEFAULT_MG_LIST_MM: readonly number[] = [0, 0.2, 0.4, 0.8, 1.2, 2];

export const USAGE =
  'usage: npm run sim -- --preset coba|sheet [--mg <mM>] [--ions on|off] [--k-bath <mM>] [--ca <mM>] [--n <count>] [--duration-ms <ms>] [--dt-ms <ms>] ' +
  '[--seed <int>] [--json] [--spikes <file.csv>] [--experiment run|iv|sweep] [--mg-list <mM,mM,...>] [--warmup-ms <ms>] ' +
  '[--threads 1|2] [--nwb <file.nwb>] [--export-brian2 <dir>] [--export-nest <dir>]';

/** Flags whose value is a path: what it names, for the message when it is missing. */
const PATH_FLAGS: ReadonlyMap<string, { key: 'spikesPath' | 'nwbPath' | 'brian2Dir' | 'nestDir'; needs: string }> = new Map([
  ['--spikes', { key: 'spikesPath', needs: 'a file path, e.g. --spikes out.csv' }],
  ['--nwb', { key: 'nwbPath', needs: 'a file path, e.g. --nwb run.nwb' }],
  ['--export-brian2', { key: 'brian2Dir', needs: 'a folder, e.g. --export-brian2 brian2-net/' }],
  ['--export-nest', { key: 'nestDir', needs: 'a folder, e.g. --export-nest nest-net/' }],
]);

/** The value after a flag, or a UsageError saying what the flag needs. */
function valueOf(flag: string, text: string | undefined, needs: string): string {
  if (text === undefined || text.startsWith('--')) throw new UsageError(`${flag} needs a value: ${needs}`);
  return text;
}

function parseNumber(flag: string, text: string, range: FieldRange): number {
  const value = parseDecimal(text);
  if (!inRange(value, range)) throw new UsageError(`${flag} ${echo(text)} is not allowed: expected ${formatRange(range)}`);
  return value;
}

function parseMgList(text: string): number[] {
  const parts = text.split(',');
  const points = USER_RANGES.sweepPoints;
  if (parts.length > points.max) {
    throw new UsageError(`--mg-list has ${parts.length} values: expected ${points.min} to ${points.max} concentrations`);
  }
  return parts.map((part) => parseNumber('--mg-list', part, USER_RANGES.mgOutMM));
}

function oneOf<T extends string>(flag: string, text: string | undefined, allowed: readonly T[]): T {
  const expected = `expected one of ${allowed.join(', ')}`;
  const name = valueOf(flag, text, expected);
  if (!(allowed as readonly string[]).includes(name)) throw new UsageError(`${flag} ${echo(name)} is not allowed: ${expected}`);
  return name as T;
}

export function parseArgs(argv: readonly string[]): RunnerArgs {
  const args: RunnerArgs = { preset: 'sheet', experiment: 'run', durationMs: 1000, json: false, warmupMs: 500 };
  const given = new Set<string>();
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    if (flag === '--help' || flag === '-h') throw new UsageError(USAGE);
    const numeric = NUMERIC_FLAGS.get(flag);
    const path = PATH_FLAGS.get(flag);
    const known = numeric !== undefined || path !== undefined || ['--json', '--preset', '--experiment', '--mg-list', '--ions'].includes(flag);
    if (!known) throw new UsageError(`unknown argument ${echo(flag)}: ${USAGE}`);
    if (given.has(flag)) throw new UsageError(`${flag} is given twice: give it once`);
    given.add(flag);
    if (numeric) {
      const text = valueOf(flag, argv[++k], formatRange(numeric.range));
      args[numeric.key] = parseNumber(flag, text, numeric.range);
      continue;
    }
    if (path) {
      const value = valueOf(flag, argv[++k], path.needs);
      if (value.trim() === '') throw new UsageError(`${flag} needs a value: ${path.needs}`);
      args[path.key] = value;
      continue;
    }
    switch (flag) {
      case '--json':
        args.json = true;
        break;
      case '--preset':
        args.preset = oneOf('--preset', argv[++k], PRESET_NAMES);
        break;
      case '--experiment':
        args.experiment = oneOf('--experiment', argv[++k], EXPERIMENTS);
        break;
      case '--ions':
        args.ions = oneOf('--ions', argv[++k], IONS_SWITCH);
        break;
      case '--mg-list':
        args.mgListMM = parseMgList(valueOf('--mg-list', argv[++k], `comma-separated values, each ${formatRange(USER_RANGES.mgOutMM)}`));
        break;
    }
  }
  checkCombination(args, given);
  if (args.experiment === 'sweep' && !args.mgListMM) args.mgListMM = [...DEFAULT_MG_LIST_MM];
  return args;
}

/** Flags the chosen experiment does not use, and limits that depend on the experiment. */
function checkCombination(args: RunnerArgs, given: ReadonlySet<string>): void {
  const uses = FLAGS_OF.get(args.experiment) ?? [];
  for (const flag of given) {
    if (flag !== '--experiment' && !uses.includes(flag)) {
      throw new UsageError(`${flag} is not used by --experiment ${args.experiment}: it takes ${uses.join(', ')}`);
    }
  }
  const point = USER_RANGES.sweepPointMs;
  if (args.experiment === 'sweep' && !inRange(args.durationMs, point)) {
    throw new UsageError(`--duration-ms ${args.durationMs} is not allowed with --experiment sweep: expected ${formatRange(point)} per concentration`);
  }
}

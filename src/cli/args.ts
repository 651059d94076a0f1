/**
 * Command-line arguments of the headless runner: parsed and validated without touching the
 * process, so tests can check every message. A bad argument is a UsageError naming the flag and
 * its allowed range; the runner prints that one line and exits with status 2.
 */
import { LIVE_RANGES, NETWORK_RANGES, formatRange } from '../core/params';
import type { FieldRange } from '../core/params';
import { PRESET_NAMES } from '../core/presets';
import type { PresetName } from '../core/presets';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Experiment = 'run' | 'iv' | 'sweep';

export interface RunnerArgs {
  preset: PresetName;
  experiment: Experiment;
  mgOutMM?: number;
  neurons?: number;
  durationMs: number;
  dtMs?: number;
  seed?: number;
  json: boolean;
  spikesPath?: string;
  mgListMM?: number[];
  warmupMs: number;
  /** threads stepping the network: 1, or 2 (a helper thread steps half; the same spikes) */
  threads?: number;
}

/** Longest run one invocation may ask for: one simulated hour. */
const DURATION_RANGE: FieldRange = { min: 0, max: 3_600_000, unit: 'ms' };
const WARMUP_RANGE: FieldRange = { min: 0, max: 60_000, unit: 'ms' };
const THREADS_RANGE: FieldRange = { min: 1, max: 2, unit: '', integer: true };

const NUMERIC_FLAGS: Record<string, { key: keyof RunnerArgs; range: FieldRange }> = {
  '--mg': { key: 'mgOutMM', range: LIVE_RANGES.mgOutMM },
  '--n': { key: 'neurons', range: NETWORK_RANGES.neurons },
  '--duration-ms': { key: 'durationMs', range: DURATION_RANGE },
  '--dt-ms': { key: 'dtMs', range: NETWORK_RANGES.dtMs },
  '--seed': { key: 'seed', range: NETWORK_RANGES.seed },
  '--warmup-ms': { key: 'warmupMs', range: WARMUP_RANGE },
  '--threads': { key: 'threads', range: THREADS_RANGE },
};

export const USAGE =
  'usage: npm run sim -- --preset coba|sheet [--mg <mM>] [--n <count>] [--duration-ms <ms>] [--dt-ms <ms>] ' +
  '[--seed <int>] [--json] [--spikes <file.csv>] [--experiment run|iv|sweep] [--mg-list <mM,mM,...>] [--warmup-ms <ms>] ' +
  '[--threads 1|2]';

function parseNumber(flag: string, text: string | undefined, range: FieldRange): number {
  const allowed = formatRange(range);
  if (text === undefined || text.startsWith('--')) throw new UsageError(`${flag} needs a value: ${allowed}`);
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < range.min || value > range.max || (range.integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} ${text} is not allowed: expected ${allowed}`);
  }
  return value;
}

export function parseArgs(argv: string[]): RunnerArgs {
  const args: RunnerArgs = { preset: 'sheet', experiment: 'run', durationMs: 1000, json: false, warmupMs: 500 };
  let presetGiven = false;
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    const numeric = NUMERIC_FLAGS[flag];
    if (numeric) {
      (args as unknown as Record<string, number>)[numeric.key] = parseNumber(flag, argv[++k], numeric.range);
      continue;
    }
    switch (flag) {
      case '--json':
        args.json = true;
        break;
      case '--preset': {
        const name = argv[++k];
        if (!PRESET_NAMES.includes(name as PresetName)) {
          throw new UsageError(`--preset ${name ?? '(missing)'} is not allowed: expected one of ${PRESET_NAMES.join(', ')}`);
        }
        args.preset = name as PresetName;
        presetGiven = true;
        break;
      }
      case '--experiment': {
        const name = argv[++k];
        if (name !== 'run' && name !== 'iv' && name !== 'sweep') {
          throw new UsageError(`--experiment ${name ?? '(missing)'} is not allowed: expected one of run, iv, sweep`);
        }
        args.experiment = name;
        break;
      }
      case '--spikes': {
        const path = argv[++k];
        if (!path || path.startsWith('--')) throw new UsageError('--spikes needs a file path, e.g. --spikes out.csv');
        args.spikesPath = path;
        break;
      }
      case '--mg-list': {
        const text = argv[++k];
        if (!text || text.startsWith('--')) throw new UsageError(`--mg-list needs comma-separated values, each ${formatRange(LIVE_RANGES.mgOutMM)}`);
        args.mgListMM = text.split(',').map((part) => parseNumber('--mg-list', part, LIVE_RANGES.mgOutMM));
        break;
      }
      case '--help':
      case '-h':
        throw new UsageError(USAGE);
      default:
        throw new UsageError(`unknown argument ${flag}: ${USAGE}`);
    }
  }
  if (args.experiment === 'sweep' && !args.mgListMM) {
    args.mgListMM = [0, 0.2, 0.4, 0.8, 1.2, 2];
  }
  if (args.experiment !== 'sweep' && args.mgListMM) throw new UsageError('--mg-list is only allowed with --experiment sweep');
  if (args.experiment === 'iv' && presetGiven && args.spikesPath) throw new UsageError('--spikes is not allowed with --experiment iv');
  return args;
}

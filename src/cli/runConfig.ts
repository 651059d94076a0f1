/**
 * The network a command line asks for: the preset with the flags applied, validated by the core,
 * with any refusal told as a UsageError in the flags the user typed (`--n`, not `neurons` or
 * `topology.inDegree`).
 */
import { echo } from '../core/echo';
import { formatRange, ParameterError, validateConfig } from '../core/params';
import type { NetworkConfig } from '../core/params';
import { presetConfig } from '../core/presets';
import { userFieldOf } from '../core/ranges';
import { UsageError } from './args';
import type { RunnerArgs } from './args';

/** Throws a UsageError if the core refuses the network the flags describe. */
export function runnerConfig(args: RunnerArgs): NetworkConfig {
  const config = presetConfig(args.preset);
  if (args.neurons !== undefined) config.neurons = args.neurons;
  if (args.dtMs !== undefined) config.dtMs = args.dtMs;
  if (args.seed !== undefined) config.seed = args.seed;
  if (args.mgOutMM !== undefined) config.live.mgOutMM = args.mgOutMM;
  if (args.kBathMM !== undefined) config.live.kBathMM = args.kBathMM;
  if (args.caOutMM !== undefined) config.live.caOutMM = args.caOutMM;
  if (args.ions !== undefined) config.live.ionsOn = args.ions === 'on' ? 1 : 0;
  try {
    validateConfig(config);
  } catch (error) {
    if (error instanceof ParameterError) throw usageErrorOf(error, args);
    throw error;
  }
  return config;
}

/**
 * A core ParameterError in the user's terms. A field with a flag is named by its flag; a limit of
 * the preset's wiring (topology.*) or of memory depends on the network's size, which only --n
 * changes; anything else belongs to the preset itself.
 */
export function usageErrorOf(error: ParameterError, args: Pick<RunnerArgs, 'preset' | 'neurons' | 'ions'>): UsageError {
  const flag = userFieldOf(error.field)?.flag;
  if (flag) {
    const allowed = typeof error.range === 'string' ? error.range : formatRange(error.range);
    // --ions is typed as on|off but held as 0/1: quote what the user typed
    const value = flag === '--ions' && args.ions !== undefined ? args.ions : String(error.value);
    return new UsageError(`${flag} ${echo(value)} is not allowed with --preset ${args.preset}: expected ${allowed}`);
  }
  if (error.field.startsWith('topology.') && args.neurons !== undefined) {
    return new UsageError(`--n ${args.neurons} is not allowed with --preset ${args.preset}: ${error.message}`);
  }
  return new UsageError(`--preset ${args.preset}: ${error.message}`);
}

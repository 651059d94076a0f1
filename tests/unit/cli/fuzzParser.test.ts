// Fuzzing the runner's argument parser in-process (issue 16): 20,000 seeded command lines. Each is
// accepted (with every value finite and inside its user range, and a network the core accepts) or
// refused with a UsageError on one safe line naming a flag; anything else is a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/args';
import type { RunnerArgs } from '../../../src/cli/args';
import { runnerConfig } from '../../../src/cli/runConfig';
import { inRange, USER_RANGES } from '../../../src/core/ranges';
import { argvArbitrary, nearlyValidArbitrary, PROPERTY_NAMES } from './fuzzArgs';
import { refusalProblem } from './support';

const SEED = 16;

/** What is wrong with accepted arguments, or null. */
function acceptedProblem(args: RunnerArgs): string | null {
  const checks: [number | undefined, keyof typeof USER_RANGES][] = [
    [args.mgOutMM, 'mgOutMM'], [args.kBathMM, 'kBathMM'], [args.caOutMM, 'caOutMM'], [args.neurons, 'neurons'], [args.dtMs, 'dtMs'], [args.seed, 'seed'],
    [args.durationMs, args.experiment === 'sweep' ? 'sweepPointMs' : 'runDurationMs'], [args.warmupMs, 'sweepWarmupMs'], [args.threads, 'threads'],
  ];
  for (const [value, name] of checks) {
    if (value !== undefined && !inRange(value, USER_RANGES[name])) return `${name} = ${value} accepted outside its range`;
  }
  for (const mg of args.mgListMM ?? []) if (!inRange(mg, USER_RANGES.mgOutMM)) return `--mg-list value ${mg} accepted`;
  if (args.ions !== undefined && args.ions !== 'on' && args.ions !== 'off') return `--ions ${String(args.ions)} accepted`;
  if (args.experiment !== 'iv') runnerConfig(args); // a UsageError here is a refusal, anything else a crash
  return null;
}

type Outcome = { kind: 'accepted' | 'rejected' } | { kind: 'crashed'; why: string };

function tryArgv(argv: string[]): Outcome {
  try {
    const problem = acceptedProblem(parseArgs(argv));
    return problem ? { kind: 'crashed', why: problem } : { kind: 'accepted' };
  } catch (error) {
    if (!(error instanceof UsageError)) return { kind: 'crashed', why: `${(error as Error)?.name}: ${(error as Error)?.message}` };
    const problem = refusalProblem(error.message);
    return problem ? { kind: 'crashed', why: problem } : { kind: 'rejected' };
  }
}

describe('fuzzing the runner argument parser', () => {
  it('answers 20,000 seeded command lines: accepted cleanly or refused in one line naming a flag', () => {
    const inputs = [
      ...fc.sample(argvArbitrary, { seed: SEED, numRuns: 12_000 }),
      ...fc.sample(nearlyValidArbitrary, { seed: SEED + 1, numRuns: 8000 }),
      // every property name as a flag and as each flag's value
      ...PROPERTY_NAMES.flatMap((name) => [[name], [name, '1'], ['--mg', name], ['--preset', name], ['--spikes', name, '--n', name]]),
    ];
    const counts = { accepted: 0, rejected: 0, crashed: 0 };
    const crashes: string[] = [];
    for (const argv of inputs) {
      const outcome = tryArgv(argv);
      counts[outcome.kind]++;
      if (outcome.kind === 'crashed' && crashes.length < 5) crashes.push(`${JSON.stringify(argv).slice(0, 300)} → ${outcome.why}`);
    }
    console.log(`runner parser fuzz (seed ${SEED}): ${inputs.length} command lines, ${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.crashed} crashed`);
    expect(crashes).toEqual([]);
    expect(inputs.length).toBeGreaterThanOrEqual(20_000);
    // both outcomes are exercised, or the generators have gone blind
    expect(counts.accepted).toBeGreaterThan(500);
    expect(counts.rejected).toBeGreaterThan(5000);
  });
});

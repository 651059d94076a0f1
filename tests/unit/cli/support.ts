// The runner as a process (the bundle `npm run sim` runs), and the checks every run's output must
// pass: a refusal is one line naming a flag with status 2; a run prints no non-finite figure and
// no null without its reason; nothing ever ends in a stack trace.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildNodeEntries } from '../nodeBuild';

export interface RunnerResult {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** true when the run was killed for taking longer than the timeout */
  timedOut: boolean;
}

export function runner(args: readonly string[], timeoutMs = 120_000): RunnerResult {
  const result = spawnSync(process.execPath, [join(buildNodeEntries(), 'sim.js'), ...args], { encoding: 'utf8', timeout: timeoutMs });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '', timedOut };
}

/** A one-line refusal names what the user typed: a flag, an unknown argument, or the usage. */
export const NAMES_A_FLAG = /^(--[a-z][a-z-]*\b|unknown argument |usage: )/;

/** Characters that would split or garble a "one line" message (echo.ts escapes them). */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** What is wrong with a refusal message, or null: one line, safe, short, naming a flag. */
export function refusalProblem(message: string): string | null {
  if (LINE_BREAKING.test(message)) return `not one clean line: ${JSON.stringify(message.slice(0, 200))}`;
  if (!NAMES_A_FLAG.test(message)) return `names no flag: ${JSON.stringify(message.slice(0, 200))}`;
  // the usage line is the longest message (≈ 300 characters); an echoed value adds at most 41
  if (message.length > 500) return `${message.length} characters long`;
  return null;
}

/** Every key holding null must be explained in the same object's nullReasons; no NaN anywhere. */
export function unexplainedNulls(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, k) => unexplainedNulls(item, `${path}[${k}]`));
  const record = value as Record<string, unknown>;
  const reasons = (record.nullReasons ?? {}) as Record<string, unknown>;
  const found: string[] = [];
  for (const [key, item] of Object.entries(record)) {
    if (item === null && typeof reasons[key] !== 'string') found.push(`${path}.${key}`);
    else found.push(...unexplainedNulls(item, `${path}.${key}`));
  }
  return found;
}

/** Non-finite numbers as text ("NaN", "Infinity") in a run's output. */
export const NON_FINITE_TEXT = /\bNaN\b|Infinity/;

/** Signs of a crash in stderr: a stack frame or an error class name. */
export const CRASH_TEXT = /^\s+at |TypeError|ReferenceError|RangeError|Unhandled|node:internal/m;

/**
 * Classifies one finished process: 'accepted' (status 0, clean output), 'rejected' (status 2 and a
 * good one-line refusal), or a description of what went wrong (a crash).
 */
export function classify(r: RunnerResult, json: boolean): 'accepted' | 'rejected' | string {
  if (r.timedOut) return 'hung past the timeout';
  if (CRASH_TEXT.test(r.stderr)) return `stack trace or error class in stderr: ${r.stderr.slice(0, 300)}`;
  if (r.status === 2) {
    const lines = r.stderr.split('\n').filter((line) => line !== '');
    if (lines.length !== 1) return `refusal on ${lines.length} lines: ${r.stderr.slice(0, 300)}`;
    if (r.stdout !== '') return `refusal printed to stdout too: ${r.stdout.slice(0, 200)}`;
    return refusalProblem(lines[0]) ?? 'rejected';
  }
  if (r.status !== 0) return `exit status ${r.status} (signal ${r.signal}): ${r.stderr.slice(0, 300)}`;
  if (NON_FINITE_TEXT.test(r.stdout)) return `non-finite figure in stdout: ${r.stdout.slice(0, 300)}`;
  const strayErr = r.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('sweep '));
  if (strayErr.length > 0) return `stderr on success: ${strayErr[0].slice(0, 200)}`;
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
    } catch {
      return `last line is not JSON: ${r.stdout.slice(-200)}`;
    }
    const nulls = unexplainedNulls(parsed);
    if (nulls.length > 0) return `null without a reason at ${nulls.join(', ')}`;
  }
  return 'accepted';
}

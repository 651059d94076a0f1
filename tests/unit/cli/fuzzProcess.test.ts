// Fuzzing the whole runner process (issue 16): 40 seeded command lines, spawned as `npm run sim`
// runs them (a smaller sample than the parser's, to keep CI time). Each exits 0 with output free of
// NaN, Infinity and unexplained nulls, or exits 2 with one line naming a flag; a crash, a stack
// trace, a hang or a partial --spikes file left behind fails the test.
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processArbitrary } from './fuzzArgs';
import { classify, runner } from './support';

const SEED = 1616;
const RUNS = 40;

describe('fuzzing the runner process', () => {
  it(`answers ${RUNS} seeded command lines: a clean run or one line naming a flag, status 2`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-fuzz-'));
    mkdirSync(join(dir, 'folder'));
    const spikePaths = [
      join(dir, 'ok.csv'), join(dir, 'folder'), join(dir, 'missing', 'x.csv'), '/dev/full', '/dev/null',
      join(dir, 'a'.repeat(300)), join(dir, 'new\nline.csv'), join(dir, 'constructor'), '',
    ];
    const inputs = fc.sample(processArbitrary(spikePaths), { seed: SEED, numRuns: RUNS });
    const counts = { accepted: 0, rejected: 0, crashed: 0 };
    const crashes: string[] = [];
    for (const argv of inputs) {
      const r = runner(argv, 60_000);
      let outcome = classify(r, argv.includes('--json'));
      const partial = readdirSync(dir).filter((name) => name.endsWith('.partial'));
      if (partial.length > 0) outcome = `left ${partial.join(', ')} behind`;
      const kind = outcome === 'accepted' || outcome === 'rejected' ? outcome : 'crashed';
      counts[kind]++;
      if (kind === 'crashed') crashes.push(`${JSON.stringify(argv).slice(0, 300)} → ${outcome}`);
    }
    for (const crash of crashes) console.log(crash);
    console.log(`runner process fuzz (seed ${SEED}): ${inputs.length} runs, ${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.crashed} crashed`);
    expect(crashes).toEqual([]);
    expect(counts.accepted).toBeGreaterThanOrEqual(5);
    expect(counts.rejected).toBeGreaterThanOrEqual(5);
  }, 600_000);
});

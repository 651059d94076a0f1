import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNodeEntries } from '../nodeBuild';

/**
 * A step must allocate nothing. bench/alloc-check.ts
 * steps a warm network in plain Node 100,000 and then 400,000 times and reports the used-heap
 * growth of each: growth that does not scale with the step count means no allocation per step.
 */
describe('allocation', () => {
  for (const [preset, mg] of [['sheet', '0.2'], ['coba', '1.2']]) {
    it(`a warm ${preset} step at ${mg} mM allocates nothing`, () => {
      const dir = buildNodeEntries();
      const out = execFileSync(process.execPath, [join(dir, 'alloc-check.js'), preset, mg, '100'], { encoding: 'utf8' });
      const result = JSON.parse(out.trim().split('\n').pop()!);
      expect(result.steps).toBe(400_000);
      // a GC in every attempt would itself mean the steps allocate
      expect(result.windowsWithGc).toBeLessThan(3);
      // 300,000 extra steps add (almost) nothing: a real per-step allocation is ≥ 8 bytes per step
      expect(result.perStepBytes).toBeLessThan(0.5);
    });
  }
});

/**
 * Shows that a warm step allocates nothing: steps a network many times and reports the growth of
 * V8's used heap and the number of garbage collections in between. Run under plain Node (vitest's
 * module runner adds its own allocations around imported bindings, which would hide the answer).
 *
 *   node dist-node/alloc-check.js [preset] [mgOutMM] [neurons]
 *
 * Measures 100,000 and then 400,000 steps: a per-step allocation of even 8 bytes would make the
 * longer window grow by 2.4 MB more than the shorter one (or trigger a GC in every attempt).
 * The smallest of three attempts is reported: V8's one-off recompilations allocate now and then.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { presetConfig, withNeurons } from '../src/core/presets';
import type { PresetName } from '../src/core/presets';
import { Simulation } from '../src/core/simulation';

const preset = (process.argv[2] ?? 'sheet') as PresetName;
const mgOutMM = Number(process.argv[3] ?? 0.2);
const neurons = Number(process.argv[4] ?? 100);
const STEPS = 400_000;

const config = withNeurons(presetConfig(preset), neurons);
config.live.mgOutMM = mgOutMM;
const sim = Simulation.create(config);
const stepMany = (count: number) => {
  for (let k = 0; k < count; k++) sim.network.step();
};
stepMany(STEPS / 2); // warm-up: V8 optimises the kernel and the measuring loop

const gcs: string[] = [];
const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcs.push(e.name)));

/** Used-heap growth over `count` steps, or null when a GC ran inside the window. */
function growthOver(count: number): number | null {
  const gcsBefore = gcs.length;
  const before = getHeapStatistics().used_heap_size;
  stepMany(count);
  const growth = getHeapStatistics().used_heap_size - before;
  return gcs.length === gcsBefore ? growth : null;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20)); // lets GC entries arrive
observer.observe({ entryTypes: ['gc'] });
// A real per-step allocation shows in every attempt; V8's one-off (re)compilations do not.
const attempts: { shortGrowthBytes: number; longGrowthBytes: number; perStepBytes: number }[] = [];
let windowsWithGc = 0;
for (let attempt = 0; attempt < 3; attempt++) {
  await tick();
  const shortGrowthBytes = growthOver(STEPS / 4);
  await tick();
  const longGrowthBytes = growthOver(STEPS);
  await tick();
  if (shortGrowthBytes === null || longGrowthBytes === null) {
    windowsWithGc++;
    continue;
  }
  attempts.push({ shortGrowthBytes, longGrowthBytes, perStepBytes: (longGrowthBytes - shortGrowthBytes) / ((STEPS * 3) / 4) });
}
observer.disconnect();
const perStepBytes = attempts.length ? Math.min(...attempts.map((a) => a.perStepBytes)) : null;
console.log(JSON.stringify({ preset, mgOutMM, neurons, steps: STEPS, perStepBytes, windowsWithGc, attempts }));

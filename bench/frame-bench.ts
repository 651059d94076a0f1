/**
 * Frame bench: what it costs to produce one frame in the worker and bring it to the page, against
 * the simulation time of that frame (bench/lib/frames.ts says what each column measures).
 * `npm run bench` includes it; alone:
 *   MG_NODE_ENTRY=bench/frame-bench.ts npx vite build --config vite.node.config.ts && node dist-node/scratch.js
 * Options: --neurons 10000,100000  --frames 60  --warmup-frames 10  --frame-ms 16.7  --json
 */
import { isMainThread } from 'node:worker_threads';
import { benchFrames, isFrameWorker, printFrameTable, runFrameWorker } from './lib/frames';
import type { FrameSizeResult } from './lib/frames';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

async function main(): Promise<void> {
  const sizes = option('neurons', '10000,100000').split(',').map(Number);
  const frames = Number(option('frames', '60'));
  const warmupFrames = Number(option('warmup-frames', '10'));
  const frameMs = Number(option('frame-ms', String(1000 / 60)));
  const results: FrameSizeResult[] = [];
  for (const n of sizes) {
    // a 100k network steps ~10× slower: fewer frames keep the bench near a minute
    const count = n > 50_000 ? Math.max(10, Math.round(frames / 3)) : frames;
    results.push(await benchFrames(import.meta.url, n, count, warmupFrames, frameMs));
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify({ bench: 'frame', node: process.version, results }, null, 2));
  else printFrameTable(results);
}

if (isMainThread) await main();
else if (isFrameWorker()) await runFrameWorker();

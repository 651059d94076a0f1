/**
 * The page left running (issue 16's long run, as long as a test may take): the bursting 10,000-cell
 * sheet at 0 mM, warmed up until its 30 s windows are full, then watched for 45 s with the page's
 * JS heap (after a forced GC, through the DevTools protocol) and its DOM nodes and event listeners
 * sampled every 5 s. They must stay bounded: a page that kept a little of every frame would grow
 * by megabytes a minute.
 * The live heap is a sawtooth (it swings by ≈ 3.5 MB between samples at 0 mM, as frames and their
 * spikes come and go), so the first and second halves of the measured stretch are compared by
 * their lowest and highest samples: a leak lifts both.
 * The simulation's own hour is bench/soak.ts (the runner, not part of npm test).
 */
import { describe, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { SPIKE_RING_WINDOW_MS } from '../../src/ui/spikeRing';
import { readStatus, useBrowser, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

/**
 * The warm-up, in simulated time: the page's longest windows (the spike ring for the CSV export
 * and the rate view, 30 s simulated each) fill in that time, and the heap with them.
 */
const WARMUP_SIM_S = SPIKE_RING_WINDOW_MS / 1000 + 5;
/** How long the page is watched after the warm-up, and how often, wall ms. */
const MEASURE_MS = 45_000;
const SAMPLE_EVERY_MS = 5_000;
/** Allowed after the warm-up: growth of the heap's floor and ceiling (a compiled function, a cache) and DOM nodes (the notice, a tooltip). */
const MAX_HEAP_GROWTH = 0.1;
const MAX_NODE_GROWTH = 50;

interface Sample {
  wallS: number;
  simS: number;
  heapMB: number;
  nodes: number;
  listeners: number;
}

async function sampleOf(cdp: CDPSession, wallS: number, simS: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { wallS, simS, heapMB: heap.usedSize / 1024 ** 2, nodes: dom.nodes, listeners: dom.jsEventListeners };
}

describe('the page left running', () => {
  it(`keeps its heap and DOM bounded for ${MEASURE_MS / 1000} s after ${WARMUP_SIM_S} s of the bursting sheet`, { timeout: MEASURE_MS + 240_000 }, async () => {
    const { page, errors, close } = await browser.open('/?mg=0&n=10000');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS >= WARMUP_SIM_S, 180_000, `${WARMUP_SIM_S} s simulated`);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.enable');
      const samples: Sample[] = [];
      const t0 = Date.now();
      while (Date.now() - t0 < MEASURE_MS) {
        await page.waitForTimeout(SAMPLE_EVERY_MS);
        const status = await readStatus(page);
        if (!status) throw new Error(`the status line stopped reading as one: ${await page.locator('#status').textContent()}`);
        expect(status.text).not.toMatch(/NaN|Infinity|undefined/);
        samples.push(await sampleOf(cdp, (Date.now() - t0) / 1000, status.timeS));
      }
      const first = samples[0];
      const last = samples[samples.length - 1];
      const half = Math.floor(samples.length / 2);
      const heapOf = (part: Sample[]) => ({ low: Math.min(...part.map((s) => s.heapMB)), high: Math.max(...part.map((s) => s.heapMB)) });
      const [early, late] = [heapOf(samples.slice(0, half)), heapOf(samples.slice(half))];
      const growth = { low: late.low / early.low - 1, high: late.high / early.high - 1 };
      const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
      console.log(
        `page soak: ${first.simS.toFixed(1)} → ${last.simS.toFixed(1)} s simulated in ${last.wallS.toFixed(0)} s, heap ` +
          `${early.low.toFixed(2)}–${early.high.toFixed(2)} MB then ${late.low.toFixed(2)}–${late.high.toFixed(2)} MB ` +
          `(floor ${percent(growth.low)}, ceiling ${percent(growth.high)}), DOM nodes ${first.nodes} → ${last.nodes}, listeners ${first.listeners} → ${last.listeners}`,
      );
      console.log(`page soak samples (wall s: heap MB / DOM nodes): ${samples.map((s) => `${s.wallS.toFixed(0)}: ${s.heapMB.toFixed(2)}/${s.nodes}`).join(', ')}`);
      expect(samples.length).toBeGreaterThanOrEqual(8);
      expect(last.simS).toBeGreaterThan(first.simS); // it kept running
      expect(growth.low).toBeLessThan(MAX_HEAP_GROWTH);
      expect(growth.high).toBeLessThan(MAX_HEAP_GROWTH);
      expect(Math.max(...samples.map((s) => s.nodes)) - first.nodes).toBeLessThan(MAX_NODE_GROWTH);
      expect(last.listeners).toBeLessThanOrEqual(first.listeners);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

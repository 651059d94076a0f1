/**
 * The page's bounded memory of recent spikes, for the CSV export: the last WINDOW of simulated time,
 * and never more than `capacity` spikes (at 0 mM, 10,000 cells can fire 250,000 spikes a second).
 * A ring of (neuron id, step) pairs, preallocated: hours of running use the same memory.
 */
import { concatBufferSources } from 'typed-array-utils';

export const SPIKE_RING_WINDOW_MS = 30_000;
export const SPIKE_RING_CAPACITY = 1_000_000;

export class SpikeRing {
  private readonly ids: Uint32Array<ArrayBuffer>;
  private readonly steps: Uint32Array<ArrayBuffer>;
  /** total spikes ever added since the last clear; the ring holds the last min(total, capacity) */
  private total = 0;
  private newestStep = 0;
  dtMs = 0.1;

  constructor(
    readonly capacity = SPIKE_RING_CAPACITY,
    readonly windowMs = SPIKE_RING_WINDOW_MS,
  ) {
    this.ids = new Uint32Array(capacity);
    this.steps = new Uint32Array(capacity);
  }

  clear(dtMs: number): void {
    this.total = 0;
    this.newestStep = 0;
    this.dtMs = dtMs;
  }

  /** Adds a frame's spikes (in step order, as the worker sends them). */
  add(ids: ArrayLike<number>, steps: ArrayLike<number>, endStep: number): void {
    const cap = this.capacity;
    // only the last `cap` of a huge chunk can survive
    const from = Math.max(0, ids.length - cap);
    let at = this.total % cap;
    for (let k = from; k < ids.length; k++) {
      this.ids[at] = ids[k];
      this.steps[at] = steps[k];
      at = at + 1 === cap ? 0 : at + 1;
    }
    this.total += ids.length - from;
    this.newestStep = Math.max(this.newestStep, endStep);
  }

  /**
   * Spikes held within the window, oldest first. Spikes arrive in step order, so the ring read from
   * its oldest slot is sorted by step: the window is one run of it — up to the end of the arrays and
   * on from their start once the ring has wrapped — copied out as (at most) two joined byte ranges.
   */
  snapshot(): { ids: Uint32Array; steps: Uint32Array; dtMs: number } {
    const cap = this.capacity;
    const held = Math.min(this.total, cap);
    const oldestSlot = (this.total - held) % cap;
    const oldestStep = this.newestStep - Math.round(this.windowMs / this.dtMs);
    let skipped = 0;
    while (skipped < held && this.steps[(oldestSlot + skipped) % cap] < oldestStep) skipped++;
    const from = (oldestSlot + skipped) % cap;
    const count = held - skipped;
    return { ids: unwrap(this.ids, from, count), steps: unwrap(this.steps, from, count), dtMs: this.dtMs };
  }

  /** Spikes with fromStep ≤ step < toStep still held, oldest first (a short span: scanned back from the newest). */
  between(fromStep: number, toStep: number): { ids: Uint32Array; steps: Uint32Array } {
    const cap = this.capacity;
    const held = Math.min(this.total, cap);
    const newest = (this.total - 1 + cap) % cap;
    let back = 0;
    while (back < held && this.steps[(newest - back + cap) % cap] >= fromStep) back++;
    const ids: number[] = [];
    const steps: number[] = [];
    for (let k = back - 1; k >= 0; k--) {
      const at = (newest - k + cap) % cap;
      if (this.steps[at] >= toStep) break;
      ids.push(this.ids[at]);
      steps.push(this.steps[at]);
    }
    return { ids: Uint32Array.from(ids), steps: Uint32Array.from(steps) };
  }

  get size(): number {
    return Math.min(this.total, this.capacity);
  }
}

/** `count` values of a ring from slot `from` on, wrapping past its end, as a fresh array. */
function unwrap(ring: Uint32Array<ArrayBuffer>, from: number, count: number): Uint32Array {
  const tail = ring.subarray(from, Math.min(ring.length, from + count));
  const head = ring.subarray(0, count - tail.length);
  return new Uint32Array(concatBufferSources(tail, head).buffer);
}

/** `neuron_id,time_ms` lines, header first; times to the step's precision. */
export function spikesCsv(ids: ArrayLike<number>, steps: ArrayLike<number>, dtMs: number): string {
  const decimals = Math.max(0, Math.min(6, Math.ceil(-Math.log10(dtMs) - 1e-9)));
  const lines = new Array<string>(ids.length + 1);
  lines[0] = 'neuron_id,time_ms';
  for (let k = 0; k < ids.length; k++) lines[k + 1] = `${ids[k]},${(steps[k] * dtMs).toFixed(decimals)}`;
  return `${lines.join('\n')}\n`;
}

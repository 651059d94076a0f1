/**
 * Synthetic spike trains for the analysis tests: seeded, sorted by step like SpikeRecorder's output.
 */
import { Rng } from '../../../src/core/rng';

export const DT_MS = 0.1;

/** Accumulates (id, step) pairs, then sorts them by step into the simulation's flat arrays. */
export class SpikeList {
  private ids: number[] = [];
  private steps: number[] = [];

  add(id: number, step: number): void {
    this.ids.push(id);
    this.steps.push(step);
  }

  get length(): number {
    return this.ids.length;
  }

  /** Sorted by step (ties by id), with spikes at or after `endStep` dropped. */
  build(endStep = Infinity): { ids: Uint32Array; steps: Uint32Array } {
    const order = this.ids.map((_, k) => k).filter((k) => this.steps[k] < endStep && this.steps[k] >= 0);
    order.sort((a, b) => this.steps[a] - this.steps[b] || this.ids[a] - this.ids[b]);
    return { ids: Uint32Array.from(order, (k) => this.ids[k]), steps: Uint32Array.from(order, (k) => this.steps[k]) };
  }
}

/** A Poisson count of mean `mean` by inversion (mean ≤ ~50 here). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = rng.uniform();
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/**
 * Population Poisson spikes: at each step, a Poisson number of spikes with mean N·rate(t)·dt, each
 * from a cell drawn uniformly. `rateHzAt(ms)` is the per-cell rate at time ms.
 */
export function poissonPopulation(
  list: SpikeList,
  rng: Rng,
  neurons: number,
  fromStep: number,
  toStep: number,
  rateHzAt: (ms: number) => number,
): void {
  for (let s = fromStep; s < toStep; s++) {
    const mean = (neurons * rateHzAt(s * DT_MS) * DT_MS) / 1000;
    const n = poisson(rng, mean);
    for (let k = 0; k < n; k++) list.add(rng.below(neurons), s);
  }
}

/** Each of `neurons` cells fires an independent Poisson train at rateHz over [fromStep, toStep). */
export function independentPoisson(list: SpikeList, rng: Rng, neurons: number, fromStep: number, toStep: number, rateHz: number): void {
  const meanIsiSteps = 1000 / rateHz / DT_MS;
  for (let i = 0; i < neurons; i++) {
    let t = fromStep - meanIsiSteps * Math.log(rng.uniformOpenZero());
    while (t < toStep) {
      list.add(i, Math.floor(t));
      t += -meanIsiSteps * Math.log(rng.uniformOpenZero()) ;
    }
  }
}

/** ms → steps at DT_MS. */
export function steps(ms: number): number {
  return Math.round(ms / DT_MS);
}

/** Torus distance between two sites of a width × height grid, in sites. */
export function torusDistance(a: number, b: number, width: number, height: number): number {
  const ax = a % width, ay = Math.floor(a / width);
  const bx = b % width, by = Math.floor(b / width);
  let dx = Math.abs(ax - bx);
  if (dx > width / 2) dx = width - dx;
  let dy = Math.abs(ay - by);
  if (dy > height / 2) dy = height - dy;
  return Math.hypot(dx, dy);
}

/** A full width × height grid with one cell per site, cell i at a seeded-random site. */
export function gridLayout(rng: Rng, width: number, height: number, siteSpacingUm: number) {
  const n = width * height;
  const siteOfNeuron = new Uint32Array(n);
  for (let i = 0; i < n; i++) siteOfNeuron[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = siteOfNeuron[i];
    siteOfNeuron[i] = siteOfNeuron[j];
    siteOfNeuron[j] = t;
  }
  return { width, height, siteOfNeuron, siteSpacingUm };
}

/**
 * A burst travelling outward from `onsetSite` at `speedMmPerS`: each cell fires its first spike at
 * t0 + distance/speed (+ Gaussian jitter), then `extra` more spikes `isiMs` apart (jittered).
 */
export function travellingWave(
  list: SpikeList,
  rng: Rng,
  layout: { width: number; height: number; siteOfNeuron: Uint32Array; siteSpacingUm: number },
  onsetSite: number,
  t0Ms: number,
  speedMmPerS: number,
  opts: { jitterMs?: number; extra?: number; isiMs?: number } = {},
): void {
  const { jitterMs = 0.5, extra = 3, isiMs = 8 } = opts;
  const { width, height, siteOfNeuron, siteSpacingUm } = layout;
  for (let i = 0; i < siteOfNeuron.length; i++) {
    const dUm = torusDistance(siteOfNeuron[i], onsetSite, width, height) * siteSpacingUm;
    let t = t0Ms + dUm / speedMmPerS + jitterMs * rng.normal(); // µm / (µm/ms) = ms
    for (let k = 0; k <= extra; k++) {
      list.add(i, steps(Math.max(t, t0Ms)));
      t += isiMs * (1 + 0.1 * rng.normal());
    }
  }
}

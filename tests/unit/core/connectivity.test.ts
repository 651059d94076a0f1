import { describe, expect, it } from 'vitest';
import { buildRandom, buildSheet, inDegrees } from '../../../src/core/connectivity';
import type { Connectivity } from '../../../src/core/connectivity';
import { presetConfig } from '../../../src/core/presets';
import type { SheetTopology } from '../../../src/core/params';
import { Rng } from '../../../src/core/rng';

function checkCsr(c: Connectivity, allowAutapses: boolean): void {
  expect(c.rowStart.length).toBe(c.neurons + 1);
  expect(c.rowStart[0]).toBe(0);
  expect(c.rowStart[c.neurons]).toBe(c.targets.length);
  expect(c.delaySteps.length).toBe(c.targets.length);
  for (let pre = 0; pre < c.neurons; pre++) {
    expect(c.rowStart[pre + 1]).toBeGreaterThanOrEqual(c.rowStart[pre]);
    const seen = new Set<number>();
    for (let e = c.rowStart[pre]; e < c.rowStart[pre + 1]; e++) {
      const post = c.targets[e];
      expect(post).toBeLessThan(c.neurons);
      if (!allowAutapses) expect(post).not.toBe(pre);
      expect(seen.has(post)).toBe(false); // no multapses
      seen.add(post);
      expect(c.delaySteps[e]).toBeGreaterThanOrEqual(1);
      expect(c.delaySteps[e]).toBeLessThanOrEqual(c.maxDelaySteps);
    }
  }
}

describe('random connectivity', () => {
  it('pairwise rule (COBA): CSR invariants, no autapses, in-degree ≈ 80 on average', () => {
    const c = buildRandom(4000, { kind: 'random', rule: 'pairwise', inDegree: 80, delayMs: 0.1, allowAutapses: false }, 0.1, Rng.fromSeed(1));
    checkCsr(c, false);
    const degrees = inDegrees(c);
    const mean = degrees.reduce((a, b) => a + b, 0) / degrees.length;
    expect(mean).toBeGreaterThan(78);
    expect(mean).toBeLessThan(82);
    // Binomial(3999, 0.02): variance ≈ 78.4
    const variance = degrees.reduce((a, d) => a + (d - mean) ** 2, 0) / degrees.length;
    expect(variance).toBeGreaterThan(65);
    expect(variance).toBeLessThan(92);
    expect(c.maxDelaySteps).toBe(1);
  });

  it('fixed in-degree rule gives exactly K distinct inputs per cell', () => {
    const c = buildRandom(500, { kind: 'random', rule: 'fixed-indegree', inDegree: 40, delayMs: 1.5, allowAutapses: false }, 0.1, Rng.fromSeed(2));
    checkCsr(c, false);
    expect(Array.from(inDegrees(c)).every((d) => d === 40)).toBe(true);
    expect(Array.from(c.delaySteps).every((d) => d === 15)).toBe(true);
  });

  it('allows autapses only when asked', () => {
    const c = buildRandom(50, { kind: 'random', rule: 'fixed-indegree', inDegree: 50, delayMs: 0.1, allowAutapses: true }, 0.1, Rng.fromSeed(2));
    let autapses = 0;
    for (let pre = 0; pre < 50; pre++) for (let e = c.rowStart[pre]; e < c.rowStart[pre + 1]; e++) if (c.targets[e] === pre) autapses++;
    expect(autapses).toBe(50);
  });
});

describe('sheet connectivity', () => {
  const topology = presetConfig('sheet').topology as SheetTopology;
  const n = 2500;
  const nE = 2000;
  const { connectivity: c, layout } = buildSheet(n, nE, topology, 0.1, Rng.fromSeed(5));

  it('has CSR invariants and exactly inDegreeE excitatory + inDegreeI inhibitory inputs per cell', () => {
    checkCsr(c, false);
    const fromE = new Uint32Array(n);
    const fromI = new Uint32Array(n);
    for (let pre = 0; pre < n; pre++) {
      for (let e = c.rowStart[pre]; e < c.rowStart[pre + 1]; e++) (pre < nE ? fromE : fromI)[c.targets[e]]++;
    }
    expect(Array.from(fromE).every((d) => d === topology.inDegreeE)).toBe(true);
    expect(Array.from(fromI).every((d) => d === topology.inDegreeI)).toBe(true);
  });

  it('places every neuron at a distinct site of a 50 × 50 torus', () => {
    expect(layout.width * layout.height).toBe(2500);
    expect(new Set(layout.siteOfNeuron).size).toBe(n);
    for (let i = 0; i < n; i++) expect(layout.neuronAtSite[layout.siteOfNeuron[i]]).toBe(i);
  });

  it('connects locally (Gaussian σ = 8 sites) with delays growing with distance', () => {
    const distance = (a: number, b: number) => {
      const w = layout.width;
      const ax = Math.abs((layout.siteOfNeuron[a] % w) - (layout.siteOfNeuron[b] % w));
      const ay = Math.abs(Math.floor(layout.siteOfNeuron[a] / w) - Math.floor(layout.siteOfNeuron[b] / w));
      return Math.hypot(Math.min(ax, w - ax), Math.min(ay, layout.height - ay));
    };
    let sum = 0;
    const msPerSite = topology.siteSpacingUm / 1000 / topology.conductionVelocityMPerS;
    for (let pre = 0; pre < n; pre += 7) {
      for (let e = c.rowStart[pre]; e < c.rowStart[pre + 1]; e++) {
        const d = distance(pre, c.targets[e]);
        sum += d;
        const expectedSteps = Math.max(1, Math.round((topology.baseDelayMs + d * msPerSite) / 0.1));
        expect(c.delaySteps[e]).toBe(expectedSteps);
      }
    }
    const count = Array.from({ length: Math.ceil(n / 7) }, (_, k) => c.rowStart[k * 7 + 1] - c.rowStart[k * 7]).reduce((a, b) => a + b, 0);
    // mean distance of a 2-D Gaussian offset (Rayleigh): σ·√(π/2) ≈ 10 sites (rounding nudges it)
    expect(sum / count).toBeGreaterThan(8.5);
    expect(sum / count).toBeLessThan(11.5);
  });
});

/**
 * Connectivity in compressed sparse rows (CSR) by presynaptic neuron: the outgoing synapses of
 * neuron i are targets[rowStart[i] .. rowStart[i+1]), each with an integer delay in steps. A spike
 * then costs one pass over its row; nothing per synapse happens between spikes.
 *
 * Neuron ids put all excitatory cells first (0 .. nE−1), then the inhibitory ones, so each
 * population is one contiguous range and the kernel can hoist its constants.
 */
import { Rng } from './rng';
import type { RandomTopology, SheetTopology } from './params';
import { ParameterError } from './params';

export interface Connectivity {
  neurons: number;
  rowStart: Uint32Array;
  targets: Uint32Array;
  delaySteps: Uint16Array;
  maxDelaySteps: number;
}

/** Where each neuron sits on the display grid (and, for the sheet, in space). */
export interface Layout {
  width: number;
  height: number;
  /** site index (y · width + x) of each neuron */
  siteOfNeuron: Uint32Array;
  /** neuron at each site, −1 where the site is empty (when N is not width · height) */
  neuronAtSite: Int32Array;
}

export const MAX_DELAY_STEPS = 4096;

/** A square-ish grid with every neuron at a random site, so E and I cells are interleaved. */
export function randomLayout(neurons: number, rng: Rng): Layout {
  const width = Math.ceil(Math.sqrt(neurons));
  const height = Math.ceil(neurons / width);
  const sites = width * height;
  const order = new Uint32Array(sites);
  for (let s = 0; s < sites; s++) order[s] = s;
  for (let s = sites - 1; s > 0; s--) {
    const r = rng.below(s + 1);
    const tmp = order[s];
    order[s] = order[r];
    order[r] = tmp;
  }
  const siteOfNeuron = new Uint32Array(neurons);
  const neuronAtSite = new Int32Array(sites).fill(-1);
  for (let i = 0; i < neurons; i++) {
    siteOfNeuron[i] = order[i];
    neuronAtSite[order[i]] = i;
  }
  return { width, height, siteOfNeuron, neuronAtSite };
}

/** Growable (pre, post, delay) list; grows by doubling, used only while building. */
class PairList {
  pre = new Uint32Array(1024);
  post = new Uint32Array(1024);
  delay = new Uint16Array(1024);
  length = 0;

  push(pre: number, post: number, delay: number): void {
    if (this.length === this.pre.length) {
      const size = this.pre.length * 2;
      const grow = <T extends Uint32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
        const b = make(size);
        b.set(a);
        return b;
      };
      this.pre = grow(this.pre, (n) => new Uint32Array(n));
      this.post = grow(this.post, (n) => new Uint32Array(n));
      this.delay = grow(this.delay, (n) => new Uint16Array(n));
    }
    this.pre[this.length] = pre;
    this.post[this.length] = post;
    this.delay[this.length] = delay;
    this.length++;
  }

  /** Counting sort by presynaptic neuron; targets within a row keep their drawing order. */
  toCsr(neurons: number): Connectivity {
    const rowStart = new Uint32Array(neurons + 1);
    for (let k = 0; k < this.length; k++) rowStart[this.pre[k] + 1]++;
    for (let i = 0; i < neurons; i++) rowStart[i + 1] += rowStart[i];
    const fill = rowStart.slice(0, neurons);
    const targets = new Uint32Array(this.length);
    const delaySteps = new Uint16Array(this.length);
    let maxDelaySteps = 1;
    for (let k = 0; k < this.length; k++) {
      const slot = fill[this.pre[k]]++;
      targets[slot] = this.post[k];
      delaySteps[slot] = this.delay[k];
      if (this.delay[k] > maxDelaySteps) maxDelaySteps = this.delay[k];
    }
    return { neurons, rowStart, targets, delaySteps, maxDelaySteps };
  }
}

/** Delay in whole steps, at least one: a spike is never delivered in the step that made it. */
export function delayToSteps(delayMs: number, dtMs: number): number {
  return Math.max(1, Math.round(delayMs / dtMs));
}

/**
 * Random connectivity. 'pairwise': every ordered pair independently with p = inDegree / N
 * (Brette et al. 2007), drawn by geometric skipping so the cost is O(synapses), not O(N²).
 * 'fixed-indegree': each neuron gets exactly inDegree distinct presynaptic partners.
 */
export function buildRandom(neurons: number, topology: RandomTopology, dtMs: number, rng: Rng): Connectivity {
  const delay = delayToSteps(topology.delayMs, dtMs);
  const pairs = new PairList();
  if (topology.rule === 'pairwise') {
    const p = topology.inDegree / neurons;
    if (p > 0) {
      const logOneMinusP = Math.log1p(-Math.min(p, 1 - 1e-12));
      for (let pre = 0; pre < neurons; pre++) {
        let post = -1;
        for (;;) {
          // gap ~ Geometric(p): the number of failures before the next success
          post += 1 + Math.floor(Math.log(rng.uniformOpenZero()) / logOneMinusP);
          if (post >= neurons) break;
          if (post === pre && !topology.allowAutapses) continue;
          pairs.push(pre, post, delay);
        }
      }
    }
  } else {
    const chosen = new Int32Array(neurons).fill(-1);
    for (let post = 0; post < neurons; post++) {
      let count = 0;
      while (count < topology.inDegree) {
        const pre = rng.below(neurons);
        if ((pre === post && !topology.allowAutapses) || chosen[pre] === post) continue;
        chosen[pre] = post;
        pairs.push(pre, post, delay);
        count++;
      }
    }
  }
  return pairs.toCsr(neurons);
}

/**
 * A 2-D sheet on a torus (docs/MODEL.md, "The sheet"): excitatory cells at random sites, each cell receiving
 * inDegreeE excitatory and inDegreeI inhibitory inputs at Gaussian-distributed offsets (σ in
 * sites), no autapses or multapses; delay = base + distance / conduction velocity.
 */
export function buildSheet(
  neurons: number,
  excitatory: number,
  topology: SheetTopology,
  dtMs: number,
  rng: Rng,
): { connectivity: Connectivity; layout: Layout } {
  const layout = randomLayout(neurons, rng);
  const { width, height, siteOfNeuron, neuronAtSite } = layout;
  const pairs = new PairList();
  const chosen = new Int32Array(neurons).fill(-1);
  const msPerSite = (topology.siteSpacingUm / 1000) / topology.conductionVelocityMPerS; // mm / (mm/ms)
  const sigma = topology.sigmaSites;
  const attemptsPerSynapse = 10_000;

  const drawInputs = (post: number, count: number, fromExcitatory: boolean): void => {
    const site = siteOfNeuron[post];
    const x0 = site % width;
    const y0 = (site - x0) / width;
    let made = 0;
    let attempts = 0;
    while (made < count) {
      if (++attempts > attemptsPerSynapse * count) {
        throw new ParameterError('topology.sigmaSites', sigma, `wide enough to find ${count} distinct inputs per cell`);
      }
      const dx = Math.round(rng.normal() * sigma);
      const dy = Math.round(rng.normal() * sigma);
      if (dx === 0 && dy === 0) continue;
      const x = (((x0 + dx) % width) + width) % width;
      const y = (((y0 + dy) % height) + height) % height;
      const pre = neuronAtSite[y * width + x];
      if (pre < 0 || pre === post || chosen[pre] === post) continue;
      if (pre < excitatory !== fromExcitatory) continue;
      chosen[pre] = post;
      // shortest way round the torus
      const ax = Math.min(Math.abs(x - x0), width - Math.abs(x - x0));
      const ay = Math.min(Math.abs(y - y0), height - Math.abs(y - y0));
      const delay = delayToSteps(topology.baseDelayMs + Math.hypot(ax, ay) * msPerSite, dtMs);
      if (delay >= MAX_DELAY_STEPS) {
        throw new ParameterError('topology.conductionVelocityMPerS', topology.conductionVelocityMPerS, `fast enough for delays under ${MAX_DELAY_STEPS} steps`);
      }
      pairs.push(pre, post, delay);
      made++;
    }
  };

  for (let post = 0; post < neurons; post++) {
    drawInputs(post, topology.inDegreeE, true);
    drawInputs(post, topology.inDegreeI, false);
  }
  return { connectivity: pairs.toCsr(neurons), layout };
}

/** In-degree of every neuron (for tests and the build summary). */
export function inDegrees(c: Connectivity): Uint32Array {
  const counts = new Uint32Array(c.neurons);
  for (let k = 0; k < c.targets.length; k++) counts[c.targets[k]]++;
  return counts;
}

/**
 * The network's state (structure of arrays, one entry per neuron) and its step kernel.
 *
 * Fixed order of work in one step n (as Brian2's schedule: groups, thresholds, synapses, resets):
 *   1. arrivals: spikes whose delay ends at step n are added to the conductances;
 *   2. drive: each neuron draws its Poisson input count for this step;
 *   3. membrane: V advances by one backward-Euler step with the conductances frozen;
 *   4. threshold and reset: V > threshold → spike, V = reset, refractory countdown, adaptation jump;
 *   5. decay: conductances, NMDA gating and adaptation relax by their exact exponential factor;
 *   6. propagation: each spike walks its CSR row and adds to the ring slot of its arrival step.
 *
 * Membrane update: C dV/dt = g_L(E_L−V) + g_A(E_A−V) + g_G(E_G−V) + g_N·B(V)·(E_N−V) − w. Backward
 * Euler with the conductances (and B) frozen over the step gives
 *   V' = (C/dt·V + g_L E_L + g_A E_A + g_G E_G + g_N B E_N − w) / (C/dt + g_L + g_A + g_G + g_N B),
 * a weighted mean of V and the reversal potentials (shifted by −w/Σg): unconditionally stable at
 * any dt, no transcendental call per neuron, and V can never run away or turn NaN.
 *
 * NMDA (SCIENCE.md §2): one gating variable s per presynaptic cell, as in NEST's iaf_bw_2001. At a
 * spike s jumps by Δs = (1 − s)(1 − e^(−α·τ_rise)) — Brunel & Wang's rise-and-saturate equations
 * integrated over the rise with τ_decay ≫ τ_rise — and decays with τ_decay between spikes (applied
 * lazily at the next spike). Each target accumulates Σ Δs in its own sNmda, which decays with the
 * same τ_decay, so g_NMDA = gNmdaNS · sNmda exactly and the cost grows with spikes, not synapses.
 * B(V) is read from a 0.01 mV table once per neuron per step.
 *
 * Delivery: the ring holds, per future step and target, the count of arriving E and I spikes and the
 * summed NMDA Δs; weights are applied when the slot is read, so live conductance scales act at once.
 */
import type { Connectivity, Layout } from './connectivity';
import { buildRandom, buildSheet, randomLayout } from './connectivity';
import { MG_TABLE_MIN_MV, MgBlockTable } from './mgBlock';
import type { LiveParams, NetworkConfig, PopulationParams } from './params';
import { excitatoryCount } from './params';
import { Rng } from './rng';

/** RNG streams: building, initial state and dynamics never draw from one another's sequence. */
const STREAM_CONNECTIVITY = 1;
const STREAM_INITIAL_STATE = 2;
const STREAM_DYNAMICS = 3;

/** Poisson inversion table length: drive counts above this have probability < 1e-16 here. */
const MAX_POISSON_TABLE = 256;

/** Per-population constants derived from the config and the live parameters. */
class PopulationConstants {
  start = 0;
  end = 0;
  capOverDtNS = 0;
  gLeakNS = 0;
  leakDrivePA = 0;
  vResetMV = 0;
  refractorySteps = 0;
  adaptIncrementPA = 0;
  adaptDecay = 1;
  gAmpaNS = 0;
  gNmdaNS = 0;
  gGabaNS = 0;
  gDriveNS = 0;
}

export class Network {
  readonly config: NetworkConfig;
  readonly neurons: number;
  readonly excitatory: number;
  readonly connectivity: Connectivity;
  readonly layout: Layout;

  // ---- per-neuron state (structure of arrays) ----
  readonly vMV: Float64Array;
  readonly gAmpaNS: Float64Array;
  readonly gGabaNS: Float64Array;
  /** Σ of NMDA gating arriving at this cell (dimensionless); g_NMDA = gNmdaNS · sNmda. */
  readonly sNmda: Float64Array;
  readonly adaptPA: Float64Array;
  readonly refractoryLeftSteps: Int32Array;
  readonly vThreshMV: Float64Array;
  /** This cell's own presynaptic NMDA gating s, valid at lastSpikeStep. */
  readonly sNmdaPre: Float64Array;
  readonly lastSpikeStep: Float64Array;

  // ---- delivery ring: [slot · N + target] ----
  readonly ringSlots: number;
  readonly ringMask: number;
  readonly ringAmpaCount: Float32Array;
  readonly ringGabaCount: Float32Array;
  readonly ringNmdaJump: Float32Array;

  // ---- this step's spikes ----
  readonly spikedIds: Uint32Array;
  spikedCount = 0;

  /** The dynamics RNG; its four words are part of the state. */
  readonly rng: Rng;
  stepIndex = 0;

  readonly live: LiveParams;
  readonly mgTable: MgBlockTable;
  private readonly exc = new PopulationConstants();
  private readonly inh = new PopulationConstants();
  private readonly poissonCdf = new Float64Array(MAX_POISSON_TABLE);
  private driveMean = 0;
  private decayAmpa = 1;
  private decayGaba = 1;
  private decayNmda = 1;
  private readonly nmdaJumpScale: number;
  /** Presynaptic gating is tracked whenever NMDA exists in the model, even while scaled to 0. */
  private readonly nmdaModelled: boolean;

  /** Builds connectivity and initial state from a validated config. */
  constructor(config: NetworkConfig) {
    this.config = config;
    const n = (this.neurons = config.neurons);
    const nE = (this.excitatory = excitatoryCount(config));
    const buildRng = Rng.fromSeed(config.seed, STREAM_CONNECTIVITY);
    if (config.topology.kind === 'sheet') {
      const built = buildSheet(n, nE, config.topology, config.dtMs, buildRng);
      this.connectivity = built.connectivity;
      this.layout = built.layout;
    } else {
      this.connectivity = buildRandom(n, config.topology, config.dtMs, buildRng);
      this.layout = randomLayout(n, buildRng);
    }

    this.vMV = new Float64Array(n);
    this.gAmpaNS = new Float64Array(n);
    this.gGabaNS = new Float64Array(n);
    this.sNmda = new Float64Array(n);
    this.adaptPA = new Float64Array(n);
    this.refractoryLeftSteps = new Int32Array(n);
    this.vThreshMV = new Float64Array(n);
    this.sNmdaPre = new Float64Array(n);
    this.lastSpikeStep = new Float64Array(n);
    this.spikedIds = new Uint32Array(n);

    let slots = 2;
    while (slots <= this.connectivity.maxDelaySteps) slots *= 2;
    this.ringSlots = slots;
    this.ringMask = slots - 1;
    this.ringAmpaCount = new Float32Array(slots * n);
    this.ringGabaCount = new Float32Array(slots * n);
    this.ringNmdaJump = new Float32Array(slots * n);

    const s = config.synapses;
    this.nmdaJumpScale = 1 - Math.exp(-s.nmdaAlphaPerMs * s.tauNmdaRiseMs);
    this.nmdaModelled = config.exc.gNmdaNS > 0 || config.inh.gNmdaNS > 0;
    this.live = { ...config.live };
    this.mgTable = new MgBlockTable(this.live.mgOutMM);
    this.initialiseState(Rng.fromSeed(config.seed, STREAM_INITIAL_STATE));
    this.rng = Rng.fromSeed(config.seed, STREAM_DYNAMICS);
    this.applyLive();
  }

  private initialiseState(rng: Rng): void {
    const { init } = this.config;
    for (let i = 0; i < this.neurons; i++) {
      const pop = i < this.excitatory ? this.config.exc : this.config.inh;
      this.vMV[i] = init.vMeanMV + init.vSdMV * rng.normal();
      // Brian's COBA draws these from unclipped normals; a negative conductance is unphysical,
      // so we clip at 0 (shifts the COBA initial kick slightly; rates are unaffected).
      this.gAmpaNS[i] = Math.max(0, init.gAmpaMeanNS + init.gAmpaSdNS * rng.normal());
      this.gGabaNS[i] = Math.max(0, init.gGabaMeanNS + init.gGabaSdNS * rng.normal());
      this.vThreshMV[i] = pop.vThreshMV + (pop.vThreshJitterMV > 0 ? pop.vThreshJitterMV * rng.normal() : 0);
      this.lastSpikeStep[i] = -1e9;
    }
  }

  /** Merges already-validated live parameters and recomputes everything derived from them. */
  setLive(update: Partial<LiveParams>): void {
    Object.assign(this.live, update);
    this.applyLive();
  }

  private applyLive(): void {
    const { dtMs, synapses } = this.config;
    this.mgTable.setMg(this.live.mgOutMM);
    this.decayAmpa = Math.exp(-dtMs / synapses.tauAmpaMs);
    this.decayGaba = Math.exp(-dtMs / synapses.tauGabaMs);
    this.decayNmda = Math.exp(-dtMs / synapses.tauNmdaDecayMs);
    this.fillPopulation(this.exc, this.config.exc, 0, this.excitatory);
    this.fillPopulation(this.inh, this.config.inh, this.excitatory, this.neurons);
    // Poisson drive: inverse-CDF table for the count of input events per step.
    const lambda = (this.config.driveInputs * this.live.driveRateHz * dtMs) / 1000;
    this.driveMean = lambda;
    const cdf = this.poissonCdf;
    let p = Math.exp(-lambda);
    let sum = p;
    for (let k = 0; k < MAX_POISSON_TABLE; k++) {
      cdf[k] = sum;
      p *= lambda / (k + 1);
      sum += p;
    }
    cdf[MAX_POISSON_TABLE - 1] = 1; // the draw always terminates
  }

  private fillPopulation(c: PopulationConstants, p: PopulationParams, start: number, end: number): void {
    const live = this.live;
    c.start = start;
    c.end = end;
    c.capOverDtNS = p.capPF / this.config.dtMs;
    c.gLeakNS = p.gLeakNS;
    c.leakDrivePA = p.gLeakNS * p.eLeakMV;
    c.vResetMV = p.vResetMV;
    c.refractorySteps = Math.round(p.tauRefMs / this.config.dtMs);
    c.adaptIncrementPA = p.adaptIncrementPA * live.adaptScale;
    c.adaptDecay = Math.exp(-this.config.dtMs / p.tauAdaptMs);
    c.gAmpaNS = p.gAmpaNS * live.gAmpaScale;
    c.gNmdaNS = p.gNmdaNS * live.gNmdaScale;
    c.gGabaNS = p.gGabaNS * live.gGabaScale;
    c.gDriveNS = p.gDriveNS * live.gAmpaScale;
  }

  /** Advances the network by one step. Allocates nothing. */
  step(): void {
    this.spikedCount = 0;
    this.updatePopulation(this.exc);
    this.updatePopulation(this.inh);
    this.propagate();
    this.stepIndex++;
  }

  private updatePopulation(c: PopulationConstants): void {
    const { vMV, gAmpaNS, gGabaNS, sNmda, adaptPA, refractoryLeftSteps, vThreshMV, spikedIds } = this;
    const { ringAmpaCount, ringGabaCount, ringNmdaJump } = this;
    const syn = this.config.synapses;
    const eAmpaMV = syn.eAmpaMV, eGabaMV = syn.eGabaMV, eNmdaMV = syn.eNmdaMV;
    const { capOverDtNS, gLeakNS, leakDrivePA, vResetMV, refractorySteps, adaptIncrementPA, adaptDecay } = c;
    const wAmpaNS = c.gAmpaNS, wNmdaNS = c.gNmdaNS, wGabaNS = c.gGabaNS, wDriveNS = c.gDriveNS;
    const decayAmpa = this.decayAmpa, decayGaba = this.decayGaba, decayNmda = this.decayNmda;
    const table = this.mgTable.values;
    const tableInvStep = this.mgTable.invStepPerMV;
    const tableLast = table.length - 2;
    const cdf = this.poissonCdf;
    const hasDrive = this.driveMean > 0 && wDriveNS > 0;
    const ringBase = (this.stepIndex & this.ringMask) * this.neurons;
    // xoshiro128** state in locals for the loop, written back at the end (see rng.ts)
    const rs = this.rng.state;
    let s0 = rs[0], s1 = rs[1], s2 = rs[2], s3 = rs[3];
    let spiked = this.spikedCount;

    for (let i = c.start; i < c.end; i++) {
      // 1. arrivals
      const slot = ringBase + i;
      let gA = gAmpaNS[i] + wAmpaNS * ringAmpaCount[slot];
      let gG = gGabaNS[i] + wGabaNS * ringGabaCount[slot];
      let sN = sNmda[i] + ringNmdaJump[slot];
      ringAmpaCount[slot] = 0;
      ringGabaCount[slot] = 0;
      ringNmdaJump[slot] = 0;

      // 2. Poisson drive: one uniform, inverted through the cumulative table
      if (hasDrive) {
        const m = Math.imul(s1, 5);
        const r = Math.imul((m << 7) | (m >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const u = (r >>> 0) * 2.3283064365386963e-10;
        let k = 0;
        while (u >= cdf[k]) k++;
        gA += k * wDriveNS;
      }

      // 3–4. membrane, threshold, reset
      let v = vMV[i];
      let w = adaptPA[i];
      const refLeft = refractoryLeftSteps[i];
      if (refLeft > 0) {
        refractoryLeftSteps[i] = refLeft - 1;
        v = vResetMV;
      } else {
        let x = (v - MG_TABLE_MIN_MV) * tableInvStep;
        if (x < 0) x = 0;
        else if (x > tableLast) x = tableLast;
        const k = x | 0;
        const block = table[k] + (x - k) * (table[k + 1] - table[k]);
        const gN = wNmdaNS * sN * block;
        v =
          (capOverDtNS * v + leakDrivePA + gA * eAmpaMV + gG * eGabaMV + gN * eNmdaMV - w) /
          (capOverDtNS + gLeakNS + gA + gG + gN);
        if (v > vThreshMV[i]) {
          v = vResetMV;
          refractoryLeftSteps[i] = refractorySteps;
          w += adaptIncrementPA;
          spikedIds[spiked++] = i;
        }
      }
      vMV[i] = v;

      // 5. decay
      gAmpaNS[i] = gA * decayAmpa;
      gGabaNS[i] = gG * decayGaba;
      sNmda[i] = sN * decayNmda;
      adaptPA[i] = w * adaptDecay;
    }

    rs[0] = s0;
    rs[1] = s1;
    rs[2] = s2;
    rs[3] = s3;
    this.spikedCount = spiked;
  }

  /** 6. Each spike of this step walks its CSR row into the ring slot of its arrival step. */
  private propagate(): void {
    const { rowStart, targets, delaySteps } = this.connectivity;
    const { ringAmpaCount, ringGabaCount, ringNmdaJump, spikedIds, sNmdaPre, lastSpikeStep } = this;
    const n = this.neurons;
    const mask = this.ringMask;
    const now = this.stepIndex;
    const stepsPerDecayMs = this.config.dtMs / this.config.synapses.tauNmdaDecayMs;
    const nmdaOn = this.nmdaModelled;
    for (let k = 0; k < this.spikedCount; k++) {
      const pre = spikedIds[k];
      const rowEnd = rowStart[pre + 1];
      if (pre < this.excitatory) {
        let jump = 0;
        if (nmdaOn) {
          const s = sNmdaPre[pre] * Math.exp(-(now - lastSpikeStep[pre]) * stepsPerDecayMs);
          jump = (1 - s) * this.nmdaJumpScale;
          sNmdaPre[pre] = s + jump;
          lastSpikeStep[pre] = now;
        }
        for (let e = rowStart[pre]; e < rowEnd; e++) {
          const slot = ((now + delaySteps[e]) & mask) * n + targets[e];
          ringAmpaCount[slot] += 1;
          ringNmdaJump[slot] += jump;
        }
      } else {
        for (let e = rowStart[pre]; e < rowEnd; e++) {
          ringGabaCount[((now + delaySteps[e]) & mask) * n + targets[e]] += 1;
        }
      }
    }
  }

  /** NMDA current (pA, inward negative) and block of neuron i at its present state. */
  nmdaOf(i: number): { iNmdaPA: number; block: number } {
    const pop = i < this.excitatory ? this.exc : this.inh;
    const block = this.mgTable.lookup(this.vMV[i]);
    return { iNmdaPA: pop.gNmdaNS * this.sNmda[i] * block * (this.vMV[i] - this.config.synapses.eNmdaMV), block };
  }

  get synapses(): number {
    return this.connectivity.targets.length;
  }

  /** Bytes held by the network's typed arrays. */
  get bytes(): number {
    const arrays = [
      this.vMV, this.gAmpaNS, this.gGabaNS, this.sNmda, this.adaptPA, this.refractoryLeftSteps, this.vThreshMV,
      this.sNmdaPre, this.lastSpikeStep, this.spikedIds, this.ringAmpaCount, this.ringGabaCount, this.ringNmdaJump,
      this.connectivity.rowStart, this.connectivity.targets, this.connectivity.delaySteps,
      this.layout.siteOfNeuron, this.layout.neuronAtSite,
    ];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }
}

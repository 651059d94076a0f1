/**
 * The reference step kernel in plain TypeScript, float64: the readable statement of what one step
 * does, and the one place where the step schedule is written down. The fast kernel
 * (assembly/kernel.ts, WebAssembly, float32) follows it formula for formula and draw for draw;
 * tests/unit/core/kernel.test.ts checks that they stay within ~1e-5 mV per step and agree
 * statistically. Change both together.
 *
 * The step schedule. Fixed order of work in one step n (as Brian2's schedule: groups, thresholds,
 * synapses, resets); the numbers below are the ones every kernel's comments use:
 *   1. arrivals: spikes whose delay ends at step n are added to the conductances;
 *   2. drive: the Poisson input counts of this step (src/core/kernel/poisson.ts), slice by slice,
 *      each slice from its own stream (as the fast kernel's slices draw them);
 *   3. membrane: V advances by one exponential-Euler step with the step-averaged conductances;
 *   4. threshold and reset: V > threshold → spike, V = reset, refractory countdown, adaptation jump;
 *   5. decay: conductances, NMDA gating and adaptation relax by their exact exponential factor;
 *   6. propagation: each spike's synapses are queued for the step their delay ends (here: each
 *      spike walks its CSR row and adds to the ring slot of its arrival step).
 *
 * Membrane (docs/MODEL.md §Neurons, §Numerics): C dV/dt = g_L(E_L−V) + g_A(E_A−V) + g_G(E_G−V) + g_N·B(V)·(E_N−V) − w.
 * Over one step g_A, g_G, s_N and w decay exactly, so the update uses their step averages
 * ā = (τ/dt)(1 − e^(−dt/τ)) (B(V) at the step start), and V relaxes towards V∞ = num/G:
 *   gA' = gA·āA, gG' = gG·āG, gN = (gNmda·āN)·sN·B(V), w' = w·āw
 *   G = gL + gA' + gG' + gN,  num = gL·EL + gA'·EA + gG'·EG + gN·EN − w',  x = (dt/C)·G
 *   P = 1 + x·(1/2 + x/6),  V' = (V + ((dt/C)·num)·P) / (1 + x·P)
 * i.e. V' = V∞ + (V − V∞)/(1 + x + x²/2 + x³/6), e^x by its series to x³: one division, no
 * transcendental per neuron, and like backward Euler a weighted mean of V and V∞, so it is stable
 * at any dt and V cannot run away or turn NaN. 0.0022 mV rms against RK4 at 0.01 ms (backward
 * Euler with the conductances at the step start: 0.070 mV; bench/single-cell-accuracy.ts). B(V) is
 * read from a 0.05 mV table once per neuron per step (docs/MODEL.md §Mg block).
 *
 * NMDA (docs/MODEL.md §Synapses (AMPA, GABA, NMDA)): one gating variable s per presynaptic cell,
 * as in NEST's iaf_bw_2001. At a spike s jumps by Δs = k0 + k1·s, Brunel & Wang's rise-and-saturate
 * equations integrated exactly over the rise (src/core/kernel/stepFactors.ts: k0 0.648417,
 * k1 −0.632121), and decays with τ_decay between spikes (applied lazily at the next spike). Each
 * target accumulates Σ Δs in its own sNmda, which decays with the same τ_decay, so
 * g_NMDA = gNmdaNS · sNmda exactly and the cost grows with spikes, not synapses.
 *
 * Delivery: the ring holds, per future step and target, the count of arriving E and I spikes and the
 * summed NMDA Δs (float32); weights are applied when the slot is read, so live conductance scales
 * act at once.
 */
import type { Connectivity } from '../connectivity';
import type { LiveConstants, PopulationConstants } from '../liveConstants';
import type { NetworkState, SliceDrive } from '../networkState';
import { BLOCK_TABLE_MIN_MV } from './blockTable';
import { DRIVE_NONE, DRIVE_PER_NEURON } from './layout';

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;
/** the x³ coefficient of the membrane update's series (the fast kernel uses its float32 rounding) */
const ONE_SIXTH = 1 / 6;

/** What drawing one slice's drive needs: its stream and the tables of src/core/kernel/poisson.ts. */
export interface DriveSource {
  readonly driveMode: number;
  readonly cdfNeuron: Float64Array;
}

/**
 * 2. The Poisson input counts of one step for the neurons of one slice into drive (which must be
 * all zero there; the update clears it). Each slice draws from its own stream.
 */
export function drawDriveCounts(src: DriveSource, slice: SliceDrive, drive: Int32Array): void {
  const mode = src.driveMode;
  if (mode === DRIVE_NONE) return;
  const rng = slice.rng;
  if (mode === DRIVE_PER_NEURON) {
    const cdf = src.cdfNeuron;
    for (let i = slice.lo; i < slice.hi; i++) {
      const u = rng.nextUint32() * TWO_POW_MINUS_32;
      let k = 0;
      while (u >= cdf[k]) k++;
      drive[i] = k;
    }
    return;
  }
  // the slice's total by inversion (53-bit uniform) from the guide table, then one uniform neuron per event
  const a = rng.nextUint32() >>> 5;
  const b = rng.nextUint32() >>> 6;
  const u = (a * 67108864 + b) * TWO_POW_MINUS_53;
  const cdf = slice.cdfTotal;
  let j = slice.guide[Math.floor(u * slice.guideSize)];
  while (u >= cdf[j]) j++;
  const total = slice.totalKLo + j;
  const n = slice.hi - slice.lo;
  const threshold = TWO_POW_32 % n;
  for (let e = 0; e < total; e++) {
    // Lemire: the high word of u32 · n, rejecting the few low words that would bias it
    let m = rng.nextUint32() * n;
    while (m % TWO_POW_32 < threshold) m = rng.nextUint32() * n;
    drive[slice.lo + Math.floor(m / TWO_POW_32)]++;
  }
}

export class ReferenceKernel {
  private readonly state: NetworkState;
  private readonly connectivity: Connectivity;
  private readonly constants: LiveConstants;
  private readonly ringMask: number;
  private readonly ringAmpaCount: Float32Array;
  private readonly ringGabaCount: Float32Array;
  private readonly ringNmdaJump: Float32Array;

  /** Steps `state` through `connectivity` with `constants` (read afresh at every step: live changes act at once). */
  constructor(state: NetworkState, connectivity: Connectivity, constants: LiveConstants) {
    this.state = state;
    this.connectivity = connectivity;
    this.constants = constants;
    let slots = 2;
    while (slots <= connectivity.maxDelaySteps) slots *= 2;
    this.ringMask = slots - 1;
    this.ringAmpaCount = new Float32Array(slots * state.neurons);
    this.ringGabaCount = new Float32Array(slots * state.neurons);
    this.ringNmdaJump = new Float32Array(slots * state.neurons);
  }

  /** Bytes of the delivery ring. */
  get bytes(): number {
    return this.ringAmpaCount.byteLength + this.ringGabaCount.byteLength + this.ringNmdaJump.byteLength;
  }

  /** One whole step n; returns the spike count (ids in state.spikedIds). */
  step(now: number): number {
    const { state, constants } = this;
    for (const slice of state.slices) drawDriveCounts(constants, slice, state.driveCount);
    let spiked = this.updatePopulation(constants.exc, now, 0);
    spiked = this.updatePopulation(constants.inh, now, spiked);
    this.propagate(now, spiked);
    return spiked;
  }

  private updatePopulation(c: PopulationConstants, now: number, spikedIn: number): number {
    const { vMV, gAmpaNS, gGabaNS, sNmda, adaptPA, refractoryLeftSteps, vThreshMV, spikedIds, driveCount } = this.state;
    const { ionLeakDrivePA, ionEKMV, ionEGabaMV } = this.state;
    const { ringAmpaCount, ringGabaCount, ringNmdaJump } = this;
    const { eAmpaMV, eGabaMV, eNmdaMV, decayAmpa, decayGaba, decayNmda, averageAmpa, averageGaba, mgTable, driveMode } = this.constants;
    const { ionsOn, thresholdShiftMV } = this.constants;
    const { dtOverCapPerNS, gLeakNS, leakDrivePA, vResetMV, refractorySteps, adaptDecay, averageAdapt } = c;
    // with ions on the adaptation is a K⁺ conductance (nS) reversing at E_K (docs/MODEL.md §Ion dynamics)
    const adaptIncrement = ionsOn ? c.adaptIncrementNS : c.adaptIncrementPA;
    const wAmpaNS = c.gAmpaNS, wNmdaNS = c.gNmdaAverageNS, wGabaNS = c.gGabaNS, wDriveNS = c.gDriveNS;
    const table = mgTable.values;
    const tableInvStep = mgTable.invStepPerMV;
    const tableLast = table.length - 2;
    const hasDrive = driveMode !== DRIVE_NONE;
    const ringBase = (now & this.ringMask) * this.state.neurons;
    let spiked = spikedIn;

    for (let i = c.start; i < c.end; i++) {
      // 1. arrivals
      const slot = ringBase + i;
      let gA = gAmpaNS[i] + wAmpaNS * ringAmpaCount[slot];
      const gG = gGabaNS[i] + wGabaNS * ringGabaCount[slot];
      const sN = sNmda[i] + ringNmdaJump[slot];
      ringAmpaCount[slot] = 0;
      ringGabaCount[slot] = 0;
      ringNmdaJump[slot] = 0;

      // 2. drive
      if (hasDrive) {
        gA += driveCount[i] * wDriveNS;
        driveCount[i] = 0;
      }

      // 3–4. membrane, threshold, reset
      let v = vMV[i];
      let w = adaptPA[i];
      const refLeft = refractoryLeftSteps[i];
      if (refLeft > 0) {
        refractoryLeftSteps[i] = refLeft - 1;
        v = vResetMV;
      } else {
        let u = (v - BLOCK_TABLE_MIN_MV) * tableInvStep;
        if (u < 0) u = 0;
        else if (u > tableLast) u = tableLast;
        const k = u | 0;
        const block = table[k] + (u - k) * (table[k + 1] - table[k]);
        const gN = wNmdaNS * sN * block;
        const a = gA * averageAmpa;
        const g = gG * averageGaba;
        let total: number, num: number, threshold: number;
        if (ionsOn) {
          // the leak drive, E_GABA and E_K of the neuron's patch; the adaptation conductance g_W at E_K
          const gW = w * averageAdapt;
          total = gLeakNS + a + g + gN + gW;
          num = ionLeakDrivePA[i] + a * eAmpaMV + g * ionEGabaMV[i] + gN * eNmdaMV + gW * ionEKMV[i];
          threshold = vThreshMV[i] + thresholdShiftMV;
        } else {
          total = gLeakNS + a + g + gN;
          num = leakDrivePA + a * eAmpaMV + g * eGabaMV + gN * eNmdaMV - w * averageAdapt;
          threshold = vThreshMV[i];
        }
        const x = dtOverCapPerNS * total;
        const p = 1 + x * (0.5 + x * ONE_SIXTH);
        v = (v + dtOverCapPerNS * num * p) / (1 + x * p);
        if (v > threshold) {
          v = vResetMV;
          refractoryLeftSteps[i] = refractorySteps;
          w += adaptIncrement;
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
    return spiked;
  }

  /** 6. Each spike of this step walks its CSR row into the ring slot of its arrival step. */
  private propagate(now: number, spikedCount: number): void {
    const { rowStart, targets, delaySteps } = this.connectivity;
    const { ringAmpaCount, ringGabaCount, ringNmdaJump } = this;
    const { spikedIds, sNmdaPre, lastSpikeStep, neurons: n, excitatory } = this.state;
    const { stepsPerDecayMs, nmdaJumpK0, nmdaJumpK1, nmdaModelled: nmdaOn } = this.constants;
    const mask = this.ringMask;
    for (let k = 0; k < spikedCount; k++) {
      const pre = spikedIds[k];
      const rowEnd = rowStart[pre + 1];
      if (pre < excitatory) {
        let jump = 0;
        if (nmdaOn) {
          // presynaptic gating: decay since the last spike, then the exact saturating jump
          const s = sNmdaPre[pre] * Math.exp(-(now - lastSpikeStep[pre]) * stepsPerDecayMs);
          jump = nmdaJumpK0 + nmdaJumpK1 * s;
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
}

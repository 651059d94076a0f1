/**
 * The network's state (structure of arrays, one entry per neuron) and the choice of step kernel.
 *
 * Fixed order of work in one step n (as Brian2's schedule: groups, thresholds, synapses, resets):
 *   1. arrivals: spikes whose delay ends at step n are added to the conductances;
 *   2. drive: the Poisson input counts of this step (src/core/kernel/poisson.ts);
 *   3. membrane: V advances by one backward-Euler step with the conductances frozen;
 *   4. threshold and reset: V > threshold → spike, V = reset, refractory countdown, adaptation jump;
 *   5. decay: conductances, NMDA gating and adaptation relax by their exact exponential factor;
 *   6. propagation: each spike's synapses are queued for the step their delay ends.
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
 * B(V) is read from a 0.05 mV table once per neuron per step.
 *
 * Two kernels step this state (tests/unit/core/kernel.test.ts holds them together):
 *  - 'reference' (src/core/kernel/reference.ts): plain TypeScript, float64, the readable statement
 *    of the step, delivering through a ring of (arrival step × target) slots;
 *  - 'wasm' (assembly/kernel.ts → src/core/kernel/wasm.ts): WebAssembly SIMD in float32, four
 *    neurons per vector, delivering from per-step event lists (or a FIFO of waiting spikes) into
 *    per-target accumulators; the default wherever WebAssembly SIMD runs. Same schedule, formulas
 *    and random draws as the reference: bit-for-bit reproducible on every run and engine, within
 *    ~1e-5 mV of the reference per step, statistically equal over long runs.
 * The state arrays are views on one block of memory (src/core/kernel/layout.ts): the WebAssembly
 * memory for 'wasm' (Float32Array views), so the kernel works on Network.vMV and friends in place.
 */
import type { Connectivity, Layout } from './connectivity';
import { buildRandom, buildSheet, randomLayout } from './connectivity';
import type { BytesByPart, DeliveryChoice, KernelKind, MemoryPlan } from './memoryPlan';
import { bytesByPart, planMemory } from './memoryPlan';
import type { LiveParams, NetworkConfig, PopulationParams } from './params';
import { excitatoryCount } from './params';
import { Rng } from './rng';
import { BLOCK_TABLE_MIN_MV, BlockTable } from './kernel/blockTable';
import { DRIVE_NONE, DRIVE_PER_NEURON, DRIVE_POPULATION, PARAM, PARAM_SLOTS, POP_PARAM } from './kernel/layout';
import { DRIVE_POPULATION_MAX_MEAN, fillNeuronCdf, fillTotalCdf } from './kernel/poisson';
import { ReferenceKernel } from './kernel/reference';
import { packRows } from './kernel/rowPacking';
import type { WasmMemory } from './kernel/wasm';
import { createWasmMemory, sharedKernelAvailable, WasmKernel } from './kernel/wasm';
import { SliceStepper } from './kernel/sliceStepper';
import type { SliceHelperPort } from './kernel/sliceThreads';

/**
 * RNG streams: building, initial state and dynamics never draw from one another's sequence; each
 * slice's drive has its own stream (slice s draws from STREAM_DYNAMICS + s).
 */
const STREAM_CONNECTIVITY = 1;
const STREAM_INITIAL_STATE = 2;
const STREAM_DYNAMICS = 3;

/** A slice's drive: its own stream and the table of its Poisson total (read by both kernels). */
export interface SliceDrive {
  readonly lo: number;
  readonly hi: number;
  readonly rng: Rng;
  readonly cdfTotal: Float64Array;
  readonly guide: Int32Array;
  totalKLo: number;
  guideSize: number;
}

// the kernel choice, importable from here as before
export type { BytesByPart, KernelKind } from './memoryPlan';
export { defaultKernel } from './memoryPlan';

/** Integrated per-neuron state: float64 for the reference kernel, float32 for the fast one. */
export type StateArray = Float64Array | Float32Array;

export interface NetworkOptions {
  /** 'auto' (default): 'wasm' where WebAssembly SIMD runs, else 'reference' (statistically the same). */
  kernel?: KernelKind | 'auto';
  /**
   * Whether the fast kernel's memory is shared, so that a helper thread can step one slice
   * (attachHelper). 'auto' (default): shared where SharedArrayBuffer and WebAssembly threads exist.
   * The spikes are the same either way.
   */
  sharedMemory?: boolean | 'auto';
  /**
   * How the fast kernel delivers spikes (same spikes either way): 'events' queues each synapse in
   * the list of its arrival step; 'fifo' keeps waiting spikes with a cursor into their rows and needs
   * less memory. 'auto' (default): 'fifo' when every synapse has the same delay (a waiting spike
   * then delivers its whole row at once) or when the event pool would pass EVENT_POOL_MAX_BYTES
   * (src/core/memoryPlan.ts), else 'events'.
   */
  delivery?: DeliveryChoice;
}

/** Per-population constants derived from the config and the live parameters. */
export class PopulationConstants {
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
  readonly kernelKind: KernelKind;

  // ---- per-neuron state (structure of arrays) ----
  readonly vMV: StateArray;
  readonly gAmpaNS: StateArray;
  readonly gGabaNS: StateArray;
  /** Σ of NMDA gating arriving at this cell (dimensionless); g_NMDA = gNmdaNS · sNmda. */
  readonly sNmda: StateArray;
  readonly adaptPA: StateArray;
  readonly refractoryLeftSteps: Int32Array;
  readonly vThreshMV: StateArray;
  /** This cell's own presynaptic NMDA gating s, valid at lastSpikeStep. */
  readonly sNmdaPre: Float64Array;
  readonly lastSpikeStep: Float64Array;
  /** Poisson input events of this step (filled by step 2, cleared by step 3). */
  readonly driveCount: Int32Array;

  // ---- this step's spikes ----
  readonly spikedIds: Uint32Array;
  spikedCount = 0;

  /** The slices' drive streams and tables; the RNGs' words are part of the state. */
  readonly slices: SliceDrive[];
  stepIndex = 0;

  readonly live: LiveParams;
  /** B(V) as the kernels read it (src/core/kernel/blockTable.ts). */
  readonly mgTable: BlockTable;

  // ---- derived from config and live parameters (read by the kernels) ----
  readonly exc = new PopulationConstants();
  readonly inh = new PopulationConstants();
  decayAmpa = 1;
  decayGaba = 1;
  decayNmda = 1;
  readonly nmdaJumpScale: number;
  /** Presynaptic gating is tracked whenever NMDA exists in the model, even while scaled to 0. */
  readonly nmdaModelled: boolean;
  driveMode = DRIVE_NONE;
  readonly cdfNeuron: Float64Array;

  private readonly plan: MemoryPlan;
  /** one parameter block per slice (the same values but for the populations' bounds and the drive table) */
  private readonly params: Float64Array[];
  /** the fast kernel's slices, stepped here or with a helper thread (null: the reference kernel) */
  private readonly slicer: SliceStepper | null = null;
  private readonly mgTableCopy: Float32Array | null;
  private readonly kernel: ReferenceKernel | WasmKernel;

  /** Builds connectivity and initial state from a validated config. */
  constructor(config: NetworkConfig, options: NetworkOptions = {}) {
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

    const plan = (this.plan = planMemory(config, this.connectivity, options.kernel ?? 'auto', options.delivery ?? 'auto'));
    const layout = plan.layout;
    this.kernelKind = plan.kernel;
    const fast = plan.kernel === 'wasm';
    this.live = { ...config.live };
    this.mgTable = new BlockTable(this.live.mgOutMM);
    const sharedRequest = options.sharedMemory ?? 'auto';
    const shared = fast && (sharedRequest === 'auto' ? sharedKernelAvailable() : sharedRequest);
    const memory: WasmMemory = fast ? createWasmMemory(layout.bytes, shared) : { buffer: new ArrayBuffer(layout.bytes) };
    const buffer = memory.buffer as ArrayBuffer;
    const f64 = (offset: number, length: number) => new Float64Array(buffer, offset, length);
    const state = (offset: number) => (fast ? new Float32Array(buffer, offset, n) : new Float64Array(buffer, offset, n));
    this.vMV = state(layout.vMV);
    this.gAmpaNS = state(layout.gAmpaNS);
    this.gGabaNS = state(layout.gGabaNS);
    this.sNmda = state(layout.sNmda);
    this.adaptPA = state(layout.adaptPA);
    this.vThreshMV = state(layout.vThreshMV);
    this.sNmdaPre = f64(layout.sNmdaPre, n);
    this.lastSpikeStep = f64(layout.lastSpikeStep, n);
    this.refractoryLeftSteps = new Int32Array(buffer, layout.refractoryLeftSteps, n);
    this.spikedIds = new Uint32Array(buffer, layout.spikedIds, n);
    this.driveCount = new Int32Array(buffer, layout.driveCount, n);
    this.params = layout.slices.map((S) => f64(S.params, PARAM_SLOTS));
    this.cdfNeuron = f64(layout.cdfNeuron, layout.cdfNeuronLength);
    this.mgTableCopy = fast ? new Float32Array(buffer, layout.mgTable, 2 * layout.mgTableLength) : null;

    const s = config.synapses;
    this.nmdaJumpScale = 1 - Math.exp(-s.nmdaAlphaPerMs * s.tauNmdaRiseMs);
    this.nmdaModelled = config.exc.gNmdaNS > 0 || config.inh.gNmdaNS > 0;
    this.initialiseState(Rng.fromSeed(config.seed, STREAM_INITIAL_STATE));
    this.slices = layout.slices.map((S, s) => {
      const rngState = new Uint32Array(buffer, S.rng, 4);
      rngState.set(Rng.fromSeed(config.seed, STREAM_DYNAMICS + s).state);
      return {
        lo: S.lo,
        hi: S.hi,
        rng: new Rng(rngState),
        cdfTotal: f64(S.cdfTotal, layout.cdfTotalCapacity),
        guide: new Int32Array(buffer, S.guide, layout.guideCapacity),
        totalKLo: 0,
        guideSize: 1,
      };
    });

    if (fast) {
      for (const S of layout.slices) {
        packRows(this.connectivity, S.lo, S.hi, new Uint32Array(buffer, S.rowStart, n + 1), new Uint32Array(buffer, S.synapses, S.synapseCount));
      }
      this.kernel = new WasmKernel(memory, shared, layout, n, nE);
      this.slicer = new SliceStepper(this.kernel, layout);
    } else {
      this.kernel = new ReferenceKernel(this);
    }
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
      this.adaptPA[i] = pop.adaptIncrementPA > 0 ? init.adaptMeanPA : 0;
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
    const pairs = this.mgTableCopy;
    if (pairs) {
      // the fast kernel's float32 table: (B_k, B_k+1 − B_k) pairs, the difference taken in float32
      const b = this.mgTable.values;
      for (let k = 0; k < b.length; k++) {
        pairs[2 * k] = b[k];
        pairs[2 * k + 1] = k + 1 < b.length ? Math.fround(Math.fround(b[k + 1]) - Math.fround(b[k])) : 0;
      }
    }
    this.decayAmpa = Math.exp(-dtMs / synapses.tauAmpaMs);
    this.decayGaba = Math.exp(-dtMs / synapses.tauGabaMs);
    this.decayNmda = Math.exp(-dtMs / synapses.tauNmdaDecayMs);
    this.fillPopulation(this.exc, this.config.exc, 0, this.excitatory);
    this.fillPopulation(this.inh, this.config.inh, this.excitatory, this.neurons);
    // Poisson drive: λ input events per neuron-step, drawn per neuron or by population total
    const lambda = (this.config.driveInputs * this.live.driveRateHz * dtMs) / 1000;
    if (lambda <= 0 || (this.exc.gDriveNS <= 0 && this.inh.gDriveNS <= 0)) {
      this.driveMode = DRIVE_NONE;
    } else if (lambda > DRIVE_POPULATION_MAX_MEAN) {
      this.driveMode = DRIVE_PER_NEURON;
      fillNeuronCdf(this.cdfNeuron, lambda);
    } else {
      this.driveMode = DRIVE_POPULATION;
      for (const slice of this.slices) {
        const { kLo, guideSize } = fillTotalCdf(slice.cdfTotal, slice.guide, (slice.hi - slice.lo) * lambda);
        slice.totalKLo = kLo;
        slice.guideSize = guideSize;
      }
    }
    this.writeParams();
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

  /** The float64 parameter blocks the fast kernel reads at every step, one per slice. */
  private writeParams(): void {
    for (let k = 0; k < this.slices.length; k++) this.writeSliceParams(this.params[k], this.slices[k]);
  }

  private writeSliceParams(P: Float64Array, slice: SliceDrive): void {
    const s = this.config.synapses;
    P[PARAM.eAmpaMV] = s.eAmpaMV;
    P[PARAM.eGabaMV] = s.eGabaMV;
    P[PARAM.eNmdaMV] = s.eNmdaMV;
    P[PARAM.decayAmpa] = this.decayAmpa;
    P[PARAM.decayGaba] = this.decayGaba;
    P[PARAM.decayNmda] = this.decayNmda;
    P[PARAM.nmdaJumpScale] = this.nmdaJumpScale;
    P[PARAM.stepsPerDecayMs] = this.config.dtMs / s.tauNmdaDecayMs;
    P[PARAM.tableInvStepPerMV] = this.mgTable.invStepPerMV;
    P[PARAM.driveMode] = this.driveMode;
    P[PARAM.nmdaModelled] = this.nmdaModelled ? 1 : 0;
    P[PARAM.tableMinMV] = BLOCK_TABLE_MIN_MV;
    P[PARAM.tableLast] = this.mgTable.values.length - 2;
    P[PARAM.totalKLo] = slice.totalKLo;
    P[PARAM.guideSize] = slice.guideSize;
    for (const [p, c] of [[0, this.exc], [1, this.inh]] as const) {
      const base = PARAM.population + 16 * p;
      P[base + POP_PARAM.capOverDtNS] = c.capOverDtNS;
      P[base + POP_PARAM.gLeakNS] = c.gLeakNS;
      P[base + POP_PARAM.leakDrivePA] = c.leakDrivePA;
      P[base + POP_PARAM.vResetMV] = c.vResetMV;
      P[base + POP_PARAM.refractorySteps] = c.refractorySteps;
      P[base + POP_PARAM.adaptIncrementPA] = c.adaptIncrementPA;
      P[base + POP_PARAM.adaptDecay] = c.adaptDecay;
      P[base + POP_PARAM.gAmpaNS] = c.gAmpaNS;
      P[base + POP_PARAM.gNmdaNS] = c.gNmdaNS;
      P[base + POP_PARAM.gGabaNS] = c.gGabaNS;
      P[base + POP_PARAM.gDriveNS] = c.gDriveNS;
      // the population's neurons within this slice (an empty range where they do not meet)
      P[base + POP_PARAM.start] = Math.min(Math.max(c.start, slice.lo), slice.hi);
      P[base + POP_PARAM.end] = Math.max(Math.min(c.end, slice.hi), slice.lo);
      // w ≡ 0 stays 0 without increments: the fast kernel may skip it (exactly, see the kernel)
      let adaptOn = c.adaptIncrementPA > 0;
      for (let i = c.start; i < c.end && !adaptOn; i++) adaptOn = this.adaptPA[i] !== 0;
      P[base + POP_PARAM.adaptOn] = adaptOn ? 1 : 0;
    }
  }

  /**
   * Hands slice 1 to a helper thread (src/core/kernel/sliceThreads.ts) from the next batch on, once
   * the helper has answered ('adaptive': while two threads are faster; 'always': every batch).
   * False where this network cannot be shared (reference kernel, or no shared memory here): it
   * then steps on this thread alone. The spikes are the same either way.
   */
  attachHelper(port: SliceHelperPort, policy: 'adaptive' | 'always' = 'adaptive'): boolean {
    return this.slicer?.attachHelper(port, policy) ?? false;
  }

  /** True when attachHelper can hand half of this network to a helper (fast kernel, shared memory). */
  get attachHelperPossible(): boolean {
    return this.slicer?.canShare ?? false;
  }

  /** Stops using the helper and sends it back to its event loop (free for another network). */
  detachHelper(): void {
    this.slicer?.detachHelper();
  }

  /** True once an attached helper has answered: batches may then run on two threads. */
  get helperReady(): boolean {
    return this.slicer?.helperReady ?? false;
  }

  /** Steps a helper thread took part in since the network was built. */
  get threadedSteps(): number {
    return this.slicer?.threadedSteps ?? 0;
  }

  /**
   * Starts a batch of `steps` steps (Simulation.advance): with a ready helper, it may step slice 1
   * alongside. Every beginBatch must be followed by exactly `steps` step() calls and endBatch(),
   * nothing else touching the network in between but reading it.
   */
  beginBatch(steps: number): void {
    this.slicer?.beginBatch(steps, this.stepIndex);
  }

  /** Ends the batch: the helper stops and the last step's propagation is finished here. */
  endBatch(): void {
    this.slicer?.endBatch(this.stepIndex);
  }

  /** Advances the network by one step. Allocates nothing. */
  step(): void {
    const now = this.stepIndex;
    this.spikedCount = this.slicer ? this.slicer.step(now) : (this.kernel as ReferenceKernel).step(now);
    this.stepIndex++;
  }

  /** Mg block B(V) of neuron i at its present V (table lookup, as in the step). */
  mgBlockOf(i: number): number {
    return this.mgTable.lookup(this.vMV[i]);
  }

  /** NMDA current (pA, inward negative) of neuron i at its present state. Allocates nothing. */
  nmdaCurrentOf(i: number): number {
    const pop = i < this.excitatory ? this.exc : this.inh;
    return pop.gNmdaNS * this.sNmda[i] * this.mgBlockOf(i) * (this.vMV[i] - this.config.synapses.eNmdaMV);
  }

  get synapses(): number {
    return this.connectivity.targets.length;
  }

  /** How the kernel delivers spikes: 'ring' (reference), 'events' or 'fifo' (fast). */
  get delivery(): 'ring' | 'events' | 'fifo' {
    return this.kernel instanceof WasmKernel ? this.kernel.delivery : 'ring';
  }

  /** Spikes still delivering their synapses (fast kernel, FIFO mode), for the bench. */
  get waitingSpikes(): number {
    return this.kernel instanceof WasmKernel ? this.kernel.waitingSpikes : 0;
  }

  /** Synaptic events queued for later steps (fast kernel, event mode), for the bench. */
  get queuedEvents(): number {
    return this.kernel instanceof WasmKernel ? this.kernel.queuedEvents : 0;
  }

  /** Bytes held by the network, all parts together (see bytesByPart). */
  get bytes(): number {
    const b = this.bytesByPart;
    return b.neurons + b.synapses + b.delivery + b.tables;
  }

  /** Bytes by what they scale with (src/core/memoryPlan.ts, bytesByPart). */
  get bytesByPart(): BytesByPart {
    const ring = this.kernel instanceof ReferenceKernel ? this.kernel.bytes : 0;
    return bytesByPart(this.plan, this.connectivity, this.layout, ring, this.mgTable.values.byteLength);
  }
}

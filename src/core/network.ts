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
import type { LiveParams, NetworkConfig, PopulationParams } from './params';
import { excitatoryCount } from './params';
import { Rng } from './rng';
import { BLOCK_TABLE_MIN_MV, BlockTable } from './kernel/blockTable';
import type { StateLayout } from './kernel/layout';
import {
  CHUNK_BYTES,
  CHUNK_EVENTS,
  DRIVE_NONE,
  DRIVE_PER_NEURON,
  DRIVE_POPULATION,
  layoutState,
  PARAM,
  PARAM_SLOTS,
  POP_PARAM,
} from './kernel/layout';
import {
  DRIVE_POPULATION_MAX_MEAN,
  fillNeuronCdf,
  fillTotalCdf,
  guideSizeFor,
  MAX_POISSON_TABLE,
  totalTableCapacity,
} from './kernel/poisson';
import { ReferenceKernel } from './kernel/reference';
import type { WasmMemory } from './kernel/wasm';
import { createWasmMemory, sharedKernelAvailable, WASM_STATE_BASE, WasmKernel, wasmKernelAvailable } from './kernel/wasm';
import { SliceStepper } from './kernel/sliceStepper';
import type { SliceHelperPort } from './kernel/sliceThreads';

/**
 * RNG streams: building, initial state and dynamics never draw from one another's sequence; each
 * slice's drive has its own stream (slice s draws from STREAM_DYNAMICS + s).
 */
const STREAM_CONNECTIVITY = 1;
const STREAM_INITIAL_STATE = 2;
const STREAM_DYNAMICS = 3;

/**
 * The neurons are cut into this many slices, whatever the number of threads: each slice has its
 * own drive stream and its own part of every row, so one thread stepping both slices in turn and
 * two threads stepping one each give the same spikes bit for bit.
 */
export const SLICE_COUNT = 2;

/** Slice s of n neurons: [lo, hi), the cut on a multiple of 4 (the fast kernel's vector width). */
export function sliceBounds(n: number, s: number): { lo: number; hi: number } {
  const cut = Math.min(n, 4 * Math.ceil(n / 8));
  return s === 0 ? { lo: 0, hi: cut } : { lo: cut, hi: n };
}

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

/** Packed synapse of the fast kernel: delay above bit 18, target below (MAX_NEURONS < 2^18). */
const TARGET_BITS = 18;

export type KernelKind = 'wasm' | 'reference';

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
   * then delivers its whole row at once) or when the event pool would pass EVENT_POOL_MAX_BYTES,
   * else 'events'.
   */
  delivery?: 'events' | 'fifo' | 'auto';
}

/** The event pool is reserved for the worst case but touched only as far as it is used. */
export const EVENT_POOL_MAX_BYTES = 512 * 1024 * 1024;

/** The largest WebAssembly memory the fast kernel asks for (browsers allow 2–4 GiB). */
export const MAX_WASM_MEMORY_BYTES = 2 * 1024 ** 3;

/** The kernel 'auto' picks here. */
export function defaultKernel(): KernelKind {
  return wasmKernelAvailable() ? 'wasm' : 'reference';
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

  private readonly stateLayout: StateLayout;
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

    const requested = options.kernel ?? 'auto';
    this.live = { ...config.live };
    this.mgTable = new BlockTable(this.live.mgOutMM);
    const bounds = Array.from({ length: SLICE_COUNT }, (_, s) => sliceBounds(n, s));
    const rowsOnto = bounds.map(({ lo, hi }) => this.synapsesOnto(lo, hi));
    const planFor = (fast: boolean): StateLayout => {
      const delivery = options.delivery ?? 'auto';
      const pools = bounds.map(({ lo, hi }) => (fast ? this.eventPoolSize(delivery, lo, hi) : { slots: 0, chunks: 0 }));
      // one slice in event mode means both (they share the decision, not the pools)
      const events = pools.every((p) => p.chunks > 0);
      return layoutState({
        neurons: n,
        stateBytes: fast ? 4 : 8,
        mgTableLength: fast ? this.mgTable.values.length : 0,
        cdfNeuronLength: MAX_POISSON_TABLE,
        cdfTotalCapacity: totalTableCapacity(n * DRIVE_POPULATION_MAX_MEAN),
        guideCapacity: guideSizeFor(totalTableCapacity(n * DRIVE_POPULATION_MAX_MEAN)),
        withRows: fast,
        slices: bounds.map(({ lo, hi }, s) => ({
          lo,
          hi,
          synapseCount: fast ? rowsOnto[s] : 0,
          fifoCapacity: fast && !events ? this.fifoCapacity() : 0,
          eventSlots: events ? pools[s].slots : 0,
          chunks: events ? pools[s].chunks : 0,
        })),
      }, fast ? WASM_STATE_BASE : 0);
    };
    let kind: KernelKind = requested === 'auto' ? defaultKernel() : requested;
    let layout = planFor(kind === 'wasm');
    // a WebAssembly memory is 32-bit; 'auto' steps an extreme network (refractory 0, long delays,
    // huge sizes) with the reference kernel rather than fail
    if (kind === 'wasm' && requested === 'auto' && WASM_STATE_BASE + layout.bytes > MAX_WASM_MEMORY_BYTES) {
      kind = 'reference';
      layout = planFor(false);
    }
    this.kernelKind = kind;
    this.stateLayout = layout;
    const fast = kind === 'wasm';
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
        this.packRows(S.lo, S.hi, new Uint32Array(buffer, S.rowStart, n + 1), new Uint32Array(buffer, S.synapses, S.synapseCount));
      }
      this.kernel = new WasmKernel(memory, shared, layout, n, nE);
      this.slicer = new SliceStepper(this.kernel, layout);
    } else {
      this.kernel = new ReferenceKernel(this);
    }
    this.applyLive();
  }

  /**
   * Waiting spikes the fast kernel's FIFO can hold: spikes of the last maxDelay steps, at most
   * ⌈maxDelay / (refractory steps + 1)⌉ per neuron (a neuron cannot fire during its refractory steps).
   */
  private fifoCapacity(): number {
    const maxDelay = this.connectivity.maxDelaySteps;
    const perNeuron = (p: PopulationParams) => Math.ceil(maxDelay / (Math.round(p.tauRefMs / this.config.dtMs) + 1));
    return this.excitatory * perNeuron(this.config.exc) + (this.neurons - this.excitatory) * perNeuron(this.config.inh);
  }

  /**
   * Event mode's arrival slots and pool chunks for the synapses onto neurons [lo, hi), or none (FIFO
   * mode). A synapse with delay d is
   * pending for d steps after each spike of its neuron, and a neuron fires at most once in
   * refractory steps + 1, so at most ⌈d / (refractory steps + 1)⌉ copies of it wait at once; every
   * list but its tail chunk is full.
   */
  private eventPoolSize(delivery: 'events' | 'fifo' | 'auto', lo: number, hi: number): { slots: number; chunks: number } {
    if (delivery === 'fifo') return { slots: 0, chunks: 0 };
    const { rowStart, targets, delaySteps, maxDelaySteps: maxDelay } = this.connectivity;
    // one delay for all (COBA): a waiting spike delivers its whole row at once, the FIFO is quicker
    if (delivery === 'auto' && delaySteps.every((d) => d === maxDelay)) return { slots: 0, chunks: 0 };
    let slots = 2;
    while (slots <= maxDelay) slots *= 2;
    const spacing = (p: PopulationParams) => Math.round(p.tauRefMs / this.config.dtMs) + 1;
    let pending = 0;
    for (const [from, to, gap] of [[0, this.excitatory, spacing(this.config.exc)], [this.excitatory, this.neurons, spacing(this.config.inh)]]) {
      for (let e = rowStart[from]; e < rowStart[to]; e++) {
        if (targets[e] >= lo && targets[e] < hi) pending += Math.ceil(delaySteps[e] / gap);
      }
    }
    const chunks = Math.ceil(pending / CHUNK_EVENTS) + 2 * slots;
    if (delivery === 'auto' && chunks * CHUNK_BYTES > EVENT_POOL_MAX_BYTES) return { slots: 0, chunks: 0 };
    return { slots, chunks };
  }

  /** Synapses onto neurons [lo, hi). */
  private synapsesOnto(lo: number, hi: number): number {
    const { targets } = this.connectivity;
    let count = 0;
    for (let e = 0; e < targets.length; e++) if (targets[e] >= lo && targets[e] < hi) count++;
    return count;
  }

  /**
   * One slice's rows for the fast kernel: of each neuron's row, the synapses onto neurons [lo, hi),
   * stably sorted by delay (so each target still meets them in row order), packed as
   * delay · 2^18 + target.
   */
  private packRows(lo: number, hi: number, rowStartOut: Uint32Array, packed: Uint32Array): void {
    const { rowStart, targets, delaySteps } = this.connectivity;
    let keys = new Uint32Array(64);
    let out = 0;
    for (let pre = 0; pre < this.neurons; pre++) {
      rowStartOut[pre] = out;
      const start = out;
      let sorted = true;
      let lastDelay = 0;
      for (let e = rowStart[pre]; e < rowStart[pre + 1]; e++) {
        if (targets[e] < lo || targets[e] >= hi) continue;
        if (delaySteps[e] < lastDelay) sorted = false;
        lastDelay = delaySteps[e];
        packed[out++] = ((delaySteps[e] << TARGET_BITS) | targets[e]) >>> 0;
      }
      if (sorted) continue;
      // sort (delay, position in the row part) keys: stable by construction
      const length = out - start;
      if (keys.length < length) keys = new Uint32Array(length * 2);
      const row = keys.subarray(0, length);
      for (let j = 0; j < length; j++) row[j] = (((packed[start + j] >>> TARGET_BITS) << TARGET_BITS) | j) >>> 0;
      row.sort();
      const mask = (1 << TARGET_BITS) - 1;
      const part = packed.slice(start, out);
      for (let j = 0; j < length; j++) packed[start + j] = part[row[j] & mask];
    }
    rowStartOut[this.neurons] = out;
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

  /**
   * Bytes by what they scale with: per-neuron state (and layout), synapses (CSR, and the fast
   * kernel's packed rows), delivery (the reference's ring, the FIFO, or the event pool reserved for
   * the worst case — untouched pages cost no memory) and fixed tables.
   */
  get bytesByPart(): { neurons: number; synapses: number; delivery: number; tables: number } {
    const L = this.stateLayout;
    const { rowStart, targets, delaySteps } = this.connectivity;
    // parts of the state block (L.bytes) that do not scale with the neurons
    let tablesInBlock = 8 * L.mgTableLength + 8 * L.cdfNeuronLength;
    let rowsInBlock = 0;
    let deliveryInBlock = 0;
    for (const S of L.slices) {
      tablesInBlock += 8 * L.cdfTotalCapacity + 4 * L.guideCapacity + 8 * PARAM_SLOTS;
      if (this.kernel instanceof WasmKernel) rowsInBlock += 4 * S.synapseCount + rowStart.byteLength;
      deliveryInBlock += 24 * S.fifoCapacity + 32 * S.eventSlots + (4 + CHUNK_BYTES) * S.chunks;
    }
    const ring = this.kernel instanceof ReferenceKernel ? this.kernel.bytes : 0;
    return {
      neurons: L.bytes - tablesInBlock - rowsInBlock - deliveryInBlock + this.layout.siteOfNeuron.byteLength + this.layout.neuronAtSite.byteLength,
      synapses: rowStart.byteLength + targets.byteLength + delaySteps.byteLength + rowsInBlock,
      delivery: deliveryInBlock + ring,
      tables: tablesInBlock + this.mgTable.values.byteLength,
    };
  }
}

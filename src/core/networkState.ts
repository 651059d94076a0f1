/**
 * A network's state: one typed context (structure of arrays, one entry per neuron, as bitECS keeps
 * its components) of views on the one block of memory that src/core/memoryPlan.ts sized and
 * src/core/kernel/layout.ts laid out — the WebAssembly memory for the fast kernel (float32 state),
 * an ArrayBuffer for the reference kernel (float64). Both kernels step these views in place.
 */
import type { NetworkConfig } from './params';
import { Rng } from './rng';
import type { StateLayout } from './kernel/layout';
import { PARAM_SLOTS } from './kernel/layout';

/**
 * RNG streams of one seed: building, initial state and dynamics never draw from one another's
 * sequence; each slice's drive has its own stream (slice s draws from STREAM_DYNAMICS + s).
 */
export const STREAM_CONNECTIVITY = 1;
const STREAM_INITIAL_STATE = 2;
const STREAM_DYNAMICS = 3;
/** the ion field's per-patch heterogeneity (drawn only when IonParams.patchHeterogeneity > 0), above any slice's stream */
export const STREAM_IONS = 1000;

/** Integrated per-neuron state: float64 for the reference kernel, float32 for the fast one. */
export type StateArray = Float64Array | Float32Array;

/** A slice's drive: its own stream and the table of its Poisson total (read by both kernels). */
export interface SliceDrive {
  readonly lo: number;
  readonly hi: number;
  /** its words are in the block: part of the state */
  readonly rng: Rng;
  readonly cdfTotal: Float64Array;
  readonly guide: Int32Array;
  totalKLo: number;
  guideSize: number;
}

export interface NetworkState {
  readonly neurons: number;
  /** neurons [0, excitatory) are excitatory, the rest inhibitory */
  readonly excitatory: number;
  readonly vMV: StateArray;
  readonly gAmpaNS: StateArray;
  readonly gGabaNS: StateArray;
  /** Σ of NMDA gating arriving at this cell (dimensionless); g_NMDA = gNmdaNS · sNmda. */
  readonly sNmda: StateArray;
  readonly adaptPA: StateArray;
  readonly refractoryLeftSteps: Int32Array;
  readonly vThreshMV: StateArray;
  /** The ion model's per-neuron leak drive (pA), E_K and E_GABA (mV), read with ions on (IonField.writeNeuronTerms). */
  readonly ionLeakDrivePA: StateArray;
  readonly ionEKMV: StateArray;
  readonly ionEGabaMV: StateArray;
  /** This cell's own presynaptic NMDA gating s, valid at lastSpikeStep. */
  readonly sNmdaPre: Float64Array;
  readonly lastSpikeStep: Float64Array;
  /** Poisson input events of this step (filled by step 2, cleared by step 3). */
  readonly driveCount: Int32Array;
  /** this step's spike ids, in id order (the count is the kernel's answer) */
  readonly spikedIds: Uint32Array;
  /** the slices' drive streams and tables */
  readonly slices: readonly SliceDrive[];
  /** the per-neuron drive table (src/core/kernel/poisson.ts) */
  readonly cdfNeuron: Float64Array;
  /** one parameter block per slice (src/core/kernel/paramBlock.ts) */
  readonly params: readonly Float64Array[];
  /** the fast kernel's float32 B(V) pairs (null for the reference kernel) */
  readonly mgPairs: Float32Array | null;
}

/**
 * The views on `buffer` laid out by `layout`, float32 state when `fast`. Seeds the slices' drive
 * streams from `seed` (a stream cannot exist unseeded) and fills nothing else.
 */
export function viewState(buffer: ArrayBuffer, layout: StateLayout, neurons: number, excitatory: number, fast: boolean, seed: number): NetworkState {
  const n = neurons;
  const f64 = (offset: number, length: number) => new Float64Array(buffer, offset, length);
  const state = (offset: number) => (fast ? new Float32Array(buffer, offset, n) : new Float64Array(buffer, offset, n));
  return {
    neurons,
    excitatory,
    vMV: state(layout.vMV),
    gAmpaNS: state(layout.gAmpaNS),
    gGabaNS: state(layout.gGabaNS),
    sNmda: state(layout.sNmda),
    adaptPA: state(layout.adaptPA),
    vThreshMV: state(layout.vThreshMV),
    ionLeakDrivePA: state(layout.ionLeakDrivePA),
    ionEKMV: state(layout.ionEKMV),
    ionEGabaMV: state(layout.ionEGabaMV),
    sNmdaPre: f64(layout.sNmdaPre, n),
    lastSpikeStep: f64(layout.lastSpikeStep, n),
    refractoryLeftSteps: new Int32Array(buffer, layout.refractoryLeftSteps, n),
    spikedIds: new Uint32Array(buffer, layout.spikedIds, n),
    driveCount: new Int32Array(buffer, layout.driveCount, n),
    slices: layout.slices.map((S, s) => ({
      lo: S.lo,
      hi: S.hi,
      rng: new Rng(seededWords(new Uint32Array(buffer, S.rng, 4), seed, STREAM_DYNAMICS + s)),
      cdfTotal: f64(S.cdfTotal, layout.cdfTotalCapacity),
      guide: new Int32Array(buffer, S.guide, layout.guideCapacity),
      totalKLo: 0,
      guideSize: 1,
    })),
    cdfNeuron: f64(layout.cdfNeuron, layout.cdfNeuronLength),
    params: layout.slices.map((S) => f64(S.params, PARAM_SLOTS)),
    mgPairs: fast ? new Float32Array(buffer, layout.mgTable, 2 * layout.mgTableLength) : null,
  };
}

/** `words` holding the start of stream `stream` of `seed`. */
function seededWords(words: Uint32Array, seed: number, stream: number): Uint32Array {
  words.set(Rng.fromSeed(seed, stream).state);
  return words;
}

/** The initial state, drawn from the config's seed. */
export function initialiseState(state: NetworkState, config: NetworkConfig): void {
  const { init } = config;
  const rng = Rng.fromSeed(config.seed, STREAM_INITIAL_STATE);
  for (let i = 0; i < state.neurons; i++) {
    const pop = i < state.excitatory ? config.exc : config.inh;
    state.vMV[i] = init.vMeanMV + init.vSdMV * rng.normal();
    // Brian's COBA draws these from unclipped normals; a negative conductance is unphysical,
    // so we clip at 0 (shifts the COBA initial kick slightly; rates are unaffected).
    state.gAmpaNS[i] = Math.max(0, init.gAmpaMeanNS + init.gAmpaSdNS * rng.normal());
    state.gGabaNS[i] = Math.max(0, init.gGabaMeanNS + init.gGabaSdNS * rng.normal());
    state.vThreshMV[i] = pop.vThreshMV + (pop.vThreshJitterMV > 0 ? pop.vThreshJitterMV * rng.normal() : 0);
    state.adaptPA[i] = pop.adaptIncrementPA > 0 ? init.adaptMeanPA : 0;
    state.lastSpikeStep[i] = -1e9;
  }
}

/**
 * Where each array of a network's state lives in one block of memory: an ArrayBuffer for the
 * reference kernel, the WebAssembly memory for the fast one. Both kernels read and write the same
 * views (Network.vMV and friends), so the state is the same object whichever kernel steps it.
 *
 * Offsets are in bytes, 16-aligned (a v128 load never straddles a 16-byte boundary needlessly).
 */

/** Indices into the float64 parameter block (the P_ and Q_ constants of assembly/kernel.ts). */
export const PARAM = {
  eAmpaMV: 0,
  eGabaMV: 1,
  eNmdaMV: 2,
  decayAmpa: 3,
  decayGaba: 4,
  decayNmda: 5,
  nmdaJumpScale: 6,
  stepsPerDecayMs: 7,
  tableInvStepPerMV: 8,
  driveMode: 9,
  nmdaModelled: 10,
  tableMinMV: 11,
  tableLast: 12,
  totalKLo: 13,
  guideSize: 14,
  /** population p (0 excitatory, 1 inhibitory) starts at population + 16 p */
  population: 16,
} as const;

/** Offsets within one population's 16 slots. */
export const POP_PARAM = {
  capOverDtNS: 0,
  gLeakNS: 1,
  leakDrivePA: 2,
  vResetMV: 3,
  refractorySteps: 4,
  adaptIncrementPA: 5,
  adaptDecay: 6,
  gAmpaNS: 7,
  gNmdaNS: 8,
  gGabaNS: 9,
  gDriveNS: 10,
  start: 11,
  end: 12,
  /** 0 when the population's adaptation is exactly zero and has no increment (the fast kernel skips it) */
  adaptOn: 13,
} as const;

export const PARAM_SLOTS = 48;

/** Drive modes (PARAM.driveMode). */
export const DRIVE_NONE = 0;
export const DRIVE_PER_NEURON = 1;
export const DRIVE_POPULATION = 2;

/** Bytes of one waiting spike in the fast kernel's FIFO: pre, step, cursor, row end (u32), Δs (f64). */
export const FIFO_STRIDE_BYTES = 24;

/** Event mode: events per pool chunk, bytes per chunk (an E event is target + float32 Δs, 8 bytes), bytes per slot's lists. */
export const CHUNK_EVENTS = 256;
export const CHUNK_BYTES = 256 * 8;
export const SLOT_META_BYTES = 32;

export interface StateLayout {
  bytes: number;
  vMV: number;
  gAmpaNS: number;
  gGabaNS: number;
  sNmda: number;
  adaptPA: number;
  vThreshMV: number;
  sNmdaPre: number;
  lastSpikeStep: number;
  refractoryLeftSteps: number;
  spikedIds: number;
  arrivalsAmpa: number;
  arrivalsNmda: number;
  arrivalsGaba: number;
  driveCount: number;
  rng: number;
  params: number;
  mgTable: number;
  mgTableLength: number;
  cdfNeuron: number;
  cdfNeuronLength: number;
  cdfTotal: number;
  cdfTotalCapacity: number;
  guide: number;
  guideCapacity: number;
  /** fast kernel only (0 bytes for the reference): delay-sorted packed rows and the spike FIFO */
  rowStart: number;
  synapses: number;
  synapseCount: number;
  fifo: number;
  fifoCapacity: number;
  /** event mode only: per-slot list heads, chunk links and the chunk pool */
  slotMeta: number;
  eventSlots: number;
  chunkNext: number;
  pool: number;
  chunks: number;
}

export interface LayoutSizes {
  neurons: number;
  /** bytes per value of the integrated state (V, conductances, gating, adaptation, threshold): 8 or 4 */
  stateBytes: 8 | 4;
  mgTableLength: number;
  cdfNeuronLength: number;
  cdfTotalCapacity: number;
  guideCapacity: number;
  /** 0 for the reference kernel */
  synapseCount: number;
  /** 0 for the reference kernel and in event mode */
  fifoCapacity: number;
  /** event mode: arrival slots (power of two > longest delay) and pool chunks; 0 otherwise */
  eventSlots: number;
  chunks: number;
  withRows: boolean;
}

/** Lays the arrays out one after another from `base` (bytes). */
export function layoutState(sizes: LayoutSizes, base = 0): StateLayout {
  let at = base;
  const take = (bytes: number): number => {
    const start = at;
    at += Math.ceil(bytes / 16) * 16;
    return start;
  };
  const n = sizes.neurons;
  const sb = sizes.stateBytes;
  const layout: StateLayout = {
    bytes: 0,
    vMV: take(sb * n),
    gAmpaNS: take(sb * n),
    gGabaNS: take(sb * n),
    sNmda: take(sb * n),
    adaptPA: take(sb * n),
    vThreshMV: take(sb * n),
    sNmdaPre: take(8 * n),
    lastSpikeStep: take(8 * n),
    refractoryLeftSteps: take(4 * n),
    spikedIds: take(4 * n),
    arrivalsAmpa: take(4 * n),
    arrivalsNmda: take(4 * n),
    arrivalsGaba: take(4 * n),
    driveCount: take(4 * n),
    rng: take(16),
    params: take(8 * PARAM_SLOTS),
    mgTable: take(8 * sizes.mgTableLength), // the fast kernel's float32 (B, ΔB) pairs (0 for the reference)
    mgTableLength: sizes.mgTableLength,
    cdfNeuron: take(8 * sizes.cdfNeuronLength),
    cdfNeuronLength: sizes.cdfNeuronLength,
    cdfTotal: take(8 * sizes.cdfTotalCapacity),
    cdfTotalCapacity: sizes.cdfTotalCapacity,
    guide: take(4 * sizes.guideCapacity),
    guideCapacity: sizes.guideCapacity,
    rowStart: take(sizes.withRows ? 4 * (n + 1) : 0),
    synapses: take(4 * sizes.synapseCount),
    synapseCount: sizes.synapseCount,
    fifo: take(FIFO_STRIDE_BYTES * sizes.fifoCapacity),
    fifoCapacity: sizes.fifoCapacity,
    slotMeta: take(SLOT_META_BYTES * sizes.eventSlots),
    eventSlots: sizes.eventSlots,
    chunkNext: take(4 * sizes.chunks),
    pool: take(CHUNK_BYTES * sizes.chunks),
    chunks: sizes.chunks,
  };
  layout.bytes = at - base;
  return layout;
}

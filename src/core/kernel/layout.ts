/**
 * Where each array of a network's state lives in one block of memory: an ArrayBuffer for the
 * reference kernel, the WebAssembly memory for the fast one. Both kernels read and write the same
 * views (Network.vMV and friends), so the state is the same object whichever kernel steps it.
 *
 * Offsets are in bytes, 16-aligned (a v128 load never straddles a 16-byte boundary needlessly); the
 * event pool's chunks are CHUNK_BYTES-aligned (the kernel tells a full chunk by its address).
 *
 * This file is the one statement of the layout for both languages: `npm run build:kernel`
 * (assembly/build.mjs) writes its numeric exports into assembly/layout.generated.ts, under the same
 * names, for the kernel; tests/unit/core/layout.test.ts pins them (docs/ARCHITECTURE.md, Memory
 * layout). Keep it free of imports: the build runs it on its own.
 */

/** Bytes of the threads' control block (CONTROL in sliceThreads.ts: 16 int32 words). */
export const CONTROL_BYTES = 64;

/** Indices into the float64 parameter block (of PARAM_SLOTS slots, one block per slice). */
export const PARAM = {
  eAmpaMV: 0,
  eGabaMV: 1,
  eNmdaMV: 2,
  decayAmpa: 3,
  decayGaba: 4,
  decayNmda: 5,
  /** the presynaptic NMDA jump Δs = nmdaJumpK0 + nmdaJumpK1 · s (exact, docs/MODEL.md §Synapses) */
  nmdaJumpK0: 6,
  stepsPerDecayMs: 7,
  tableInvStepPerMV: 8,
  driveMode: 9,
  nmdaModelled: 10,
  tableMinMV: 11,
  tableLast: 12,
  totalKLo: 13,
  guideSize: 14,
  nmdaJumpK1: 15,
  /** step averages (τ/dt)(1 − e^(−dt/τ)) of a decaying AMPA and GABA conductance (docs/MODEL.md §Numerics) */
  averageAmpa: 16,
  averageGaba: 17,
  /** 1 while the ion model is on (docs/MODEL.md §Ion dynamics): the fast kernel's ions loop */
  ionsOn: 18,
  /** divalent screening's threshold shift, added to every threshold in the compare with ions on */
  thresholdShiftMV: 19,
  /**
   * 1 when every B(V) in the table is exactly 1 ([Mg]o = 0): the fast kernel's NMDA conductance is
   * then gNmda·s·1 without the table's lookup (the same float32 result)
   */
  blockFree: 20,
  /** 1 when E_AMPA = E_NMDA = 0 mV exactly: the fast kernel leaves their ±0 terms out of the membrane's drive */
  reversalZero: 21,
  /** population p (0 excitatory, 1 inhibitory) starts at population + POP_PARAM_SLOTS p */
  population: 24,
} as const;

/** Slots of one population in the parameter block. */
export const POP_PARAM_SLOTS = 16;

/** Offsets within one population's POP_PARAM_SLOTS slots. */
export const POP_PARAM = {
  /** dt / C, 1/nS (ms/pF): x = dtOverCapPerNS · G in the membrane update */
  dtOverCapPerNS: 0,
  gLeakNS: 1,
  leakDrivePA: 2,
  vResetMV: 3,
  refractorySteps: 4,
  /** the adaptation jump per spike: pA, or nS (a K⁺ conductance) with ions on */
  adaptIncrement: 5,
  adaptDecay: 6,
  gAmpaNS: 7,
  /** gNmdaNS times the step average of the decaying NMDA gating */
  gNmdaAverageNS: 8,
  gGabaNS: 9,
  gDriveNS: 10,
  start: 11,
  end: 12,
  /** 0 when the population's adaptation is exactly zero and has no increment (the fast kernel skips it) */
  adaptOn: 13,
  /** step average of the decaying adaptation */
  averageAdapt: 14,
} as const;

export const PARAM_SLOTS = 56;

/** Drive modes (PARAM.driveMode). */
export const DRIVE_NONE = 0;
export const DRIVE_PER_NEURON = 1;
export const DRIVE_POPULATION = 2;

/** Packed synapse of the fast kernel: delay in steps above this bit, target below (MAX_NEURONS < 2^18). */
export const PACKED_TARGET_BITS = 18;

/** Bytes of one waiting spike in the fast kernel's FIFO: pre, step, cursor, row end (u32), Δs (f64). */
export const FIFO_STRIDE_BYTES = 24;

/** Event mode: events per pool chunk, bytes per chunk (an E event is target + float32 Δs, 8 bytes), bytes per slot's lists. */
export const CHUNK_EVENTS = 256;
export const CHUNK_BYTES = CHUNK_EVENTS * 8;
export const SLOT_META_BYTES = 32;

/**
 * Words of a slice descriptor (u32): everything the kernel needs to step one slice, so that any
 * instance of the kernel (on any thread sharing the memory) can step it.
 */
export const SLICE = {
  /** the network's neuron count (for readers of the memory; the kernel needs only its slice) */
  neurons: 0,
  excitatory: 1,
  vMV: 2,
  gAmpaNS: 3,
  gGabaNS: 4,
  sNmda: 5,
  adaptPA: 6,
  refractoryLeftSteps: 7,
  vThreshMV: 8,
  sNmdaPre: 9,
  lastSpikeStep: 10,
  arrivalsAmpa: 11,
  arrivalsNmda: 12,
  arrivalsGaba: 13,
  driveCount: 14,
  rowStart: 15,
  synapses: 16,
  fifo: 17,
  fifoCapacity: 18,
  mgTable: 19,
  cdfNeuron: 20,
  cdfTotal: 21,
  guide: 22,
  rng: 23,
  params: 24,
  /** spike ids of even, odd steps */
  spiked: 25,
  /** their NMDA Δs (float64), even, odd */
  jump: 27,
  eventMode: 29,
  slotMeta: 30,
  chunkNext: 31,
  pool: 32,
  ringMask: 33,
  /** the delivery's mutable words: the kernel loads them at the start of a call, stores them at its end */
  fifoHead: 34,
  fifoCount: 35,
  freeHead: 36,
  pendingEvents: 37,
  /** spike counts of even, odd steps */
  spikedCount: 38,
  /** the slice's neurons are [lo, hi) */
  lo: 40,
  hi: 41,
  /** the ion model's per-neuron terms (docs/MODEL.md §Ion dynamics), read with ions on */
  ionLeakDrivePA: 42,
  ionEKMV: 43,
  ionEGabaMV: 44,
} as const;

export const SLICE_WORDS = 48;

/** A descriptor word outside SLICE that the kernel writes and nothing reads (the sink of its cache-line touches). */
export const SLICE_TOUCH_WORD = 47;

/** One slice's own part of the memory block (offsets in bytes). */
export interface SliceLayout {
  lo: number;
  hi: number;
  descriptor: number;
  rng: number;
  params: number;
  cdfTotal: number;
  guide: number;
  /** spike ids and Δs of even and odd steps, hi − lo entries each */
  spiked: [number, number];
  jump: [number, number];
  /** fast kernel only: this slice's part of every row (synapses onto its neurons), its FIFO or event lists */
  rowStart: number;
  synapses: number;
  synapseCount: number;
  fifo: number;
  fifoCapacity: number;
  slotMeta: number;
  eventSlots: number;
  chunkNext: number;
  pool: number;
  chunks: number;
}

export interface StateLayout {
  bytes: number;
  vMV: number;
  gAmpaNS: number;
  gGabaNS: number;
  sNmda: number;
  adaptPA: number;
  vThreshMV: number;
  /** the ion model's per-neuron leak drive, E_K and E_GABA (state precision; written once per ion step) */
  ionLeakDrivePA: number;
  ionEKMV: number;
  ionEGabaMV: number;
  sNmdaPre: number;
  lastSpikeStep: number;
  refractoryLeftSteps: number;
  /** the step's spikes of all slices together, in id order */
  spikedIds: number;
  arrivalsAmpa: number;
  arrivalsNmda: number;
  arrivalsGaba: number;
  driveCount: number;
  mgTable: number;
  mgTableLength: number;
  cdfNeuron: number;
  cdfNeuronLength: number;
  cdfTotalCapacity: number;
  guideCapacity: number;
  /** the two threads' meeting words (src/core/kernel/sliceThreads.ts) */
  control: number;
  slices: SliceLayout[];
}

export interface SliceSizes {
  lo: number;
  hi: number;
  /** 0 for the reference kernel */
  synapseCount: number;
  /** 0 for the reference kernel and in event mode */
  fifoCapacity: number;
  /** event mode: arrival slots (power of two > longest delay) and pool chunks; 0 otherwise */
  eventSlots: number;
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
  withRows: boolean;
  slices: SliceSizes[];
}

/** Lays the arrays out one after another from `base` (bytes). */
export function layoutState(sizes: LayoutSizes, base = 0): StateLayout {
  let at = base;
  const take = (bytes: number, align = 16): number => {
    const start = Math.ceil(at / align) * align;
    at = start + Math.ceil(bytes / 16) * 16;
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
    ionLeakDrivePA: take(sb * n),
    ionEKMV: take(sb * n),
    ionEGabaMV: take(sb * n),
    sNmdaPre: take(8 * n),
    lastSpikeStep: take(8 * n),
    refractoryLeftSteps: take(4 * n),
    spikedIds: take(4 * n),
    arrivalsAmpa: take(4 * n),
    arrivalsNmda: take(4 * n),
    arrivalsGaba: take(4 * n),
    driveCount: take(4 * n),
    mgTable: take(8 * sizes.mgTableLength), // the fast kernel's float32 (B, ΔB) pairs (0 for the reference)
    mgTableLength: sizes.mgTableLength,
    cdfNeuron: take(8 * sizes.cdfNeuronLength),
    cdfNeuronLength: sizes.cdfNeuronLength,
    cdfTotalCapacity: sizes.cdfTotalCapacity,
    guideCapacity: sizes.guideCapacity,
    control: take(CONTROL_BYTES),
    slices: [],
  };
  for (const s of sizes.slices) {
    const count = s.hi - s.lo;
    layout.slices.push({
      lo: s.lo,
      hi: s.hi,
      descriptor: take(4 * SLICE_WORDS),
      rng: take(16),
      params: take(8 * PARAM_SLOTS),
      cdfTotal: take(8 * sizes.cdfTotalCapacity),
      guide: take(4 * sizes.guideCapacity),
      spiked: [take(4 * count), take(4 * count)],
      jump: [take(8 * count), take(8 * count)],
      rowStart: take(sizes.withRows ? 4 * (n + 1) : 0),
      synapses: take(4 * s.synapseCount),
      synapseCount: s.synapseCount,
      fifo: take(FIFO_STRIDE_BYTES * s.fifoCapacity),
      fifoCapacity: s.fifoCapacity,
      slotMeta: take(SLOT_META_BYTES * s.eventSlots),
      eventSlots: s.eventSlots,
      chunkNext: take(4 * s.chunks),
      pool: take(CHUNK_BYTES * s.chunks, CHUNK_BYTES),
      chunks: s.chunks,
    });
  }
  layout.bytes = at - base;
  return layout;
}

/** The descriptor words of slice s (pointers into the layout, empty delivery state). */
export function sliceDescriptor(layout: StateLayout, s: number, neurons: number, excitatory: number): Uint32Array {
  const L = layout;
  const S = L.slices[s];
  const d = new Uint32Array(SLICE_WORDS);
  d[SLICE.neurons] = neurons;
  d[SLICE.excitatory] = excitatory;
  d[SLICE.vMV] = L.vMV;
  d[SLICE.gAmpaNS] = L.gAmpaNS;
  d[SLICE.gGabaNS] = L.gGabaNS;
  d[SLICE.sNmda] = L.sNmda;
  d[SLICE.adaptPA] = L.adaptPA;
  d[SLICE.refractoryLeftSteps] = L.refractoryLeftSteps;
  d[SLICE.vThreshMV] = L.vThreshMV;
  d[SLICE.sNmdaPre] = L.sNmdaPre;
  d[SLICE.lastSpikeStep] = L.lastSpikeStep;
  d[SLICE.arrivalsAmpa] = L.arrivalsAmpa;
  d[SLICE.arrivalsNmda] = L.arrivalsNmda;
  d[SLICE.arrivalsGaba] = L.arrivalsGaba;
  d[SLICE.driveCount] = L.driveCount;
  d[SLICE.rowStart] = S.rowStart;
  d[SLICE.synapses] = S.synapses;
  d[SLICE.fifo] = S.fifo;
  d[SLICE.fifoCapacity] = S.fifoCapacity;
  d[SLICE.mgTable] = L.mgTable;
  d[SLICE.cdfNeuron] = L.cdfNeuron;
  d[SLICE.cdfTotal] = S.cdfTotal;
  d[SLICE.guide] = S.guide;
  d[SLICE.rng] = S.rng;
  d[SLICE.params] = S.params;
  d[SLICE.spiked] = S.spiked[0];
  d[SLICE.spiked + 1] = S.spiked[1];
  d[SLICE.jump] = S.jump[0];
  d[SLICE.jump + 1] = S.jump[1];
  d[SLICE.eventMode] = S.chunks > 0 ? 1 : 0;
  d[SLICE.slotMeta] = S.slotMeta;
  d[SLICE.chunkNext] = S.chunkNext;
  d[SLICE.pool] = S.pool;
  d[SLICE.ringMask] = S.eventSlots > 0 ? S.eventSlots - 1 : 0;
  d[SLICE.lo] = S.lo;
  d[SLICE.hi] = S.hi;
  d[SLICE.ionLeakDrivePA] = L.ionLeakDrivePA;
  d[SLICE.ionEKMV] = L.ionEKMV;
  d[SLICE.ionEGabaMV] = L.ionEGabaMV;
  return d;
}

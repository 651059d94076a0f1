/**
 * The fast step kernel of Mg Gate, in AssemblyScript (compiled to WebAssembly with SIMD by
 * `npm run build:kernel`; the bytes are committed in src/core/kernel/wasmBytes.ts).
 *
 * It follows the plain-TypeScript reference (src/core/kernel/reference.ts) step for step — same
 * schedule, same formulas in the same order, same random draws — but integrates the neuron state in
 * float32, four neurons per f32x4 vector (no fused multiply-add, so every operation rounds as IEEE
 * says and the results are the same bit for bit on every run, in Node and in every browser). Against
 * the float64 reference it agrees to ~1e-5 mV per step until chaos separates the trajectories, and
 * statistically after that (tests/unit/core/kernel.test.ts). Where the work goes:
 *
 *  - Delivery, two modes with bit-identical results (chosen by src/core/network.ts):
 *    events — each spike's synapses are queued at once, each in the list of its arrival step
 *    (chunks from a pool); at step n the step's lists are read in order. FIFO — the spikes of the
 *    last maxDelay steps wait with a cursor into their delay-sorted rows and hand out, at step n,
 *    the synapses whose delay equals their age (best when all delays are equal, as in COBA).
 *    Either way arrivals go to three small per-target accumulators (AMPA count, NMDA Σ Δs in
 *    float32, GABA count) that the neuron update reads and clears — no (slot × target) ring to
 *    scatter into — and they arrive in the reference's order (spike step, spike order, row order).
 *  - Drive: at the sheet's λ = 0.1 input events per neuron-step, one draw of the slice's Poisson
 *    total plus one uniform neuron index per event replaces one draw per neuron.
 *  - Slices: the neurons are cut in two slices (see the slice descriptor below). A step is
 *    advance() for each slice (arrivals, drive, update: independent of the other slice), then
 *    propagate() for each slice (queue every new spike's synapses onto the slice's own neurons).
 *    One thread calls them in turn; two threads (src/core/kernel/sliceThreads.ts) each take one
 *    slice and meet between the phases. The spikes are the same bit for bit either way.
 *  - Membrane: f32x4 SIMD; B(V) from a float32 copy of the 0.05 mV table stored as (B_k, B_k+1 − B_k)
 *    pairs, gathered with one 8-byte load per lane.
 *
 * Memory is imported: the JavaScript side lays out every array (src/core/kernel/layout.ts) and keeps
 * typed-array views on it, so Network.vMV and friends are the kernel's own state.
 */

// ---- imports ----
/** JavaScript's Math.exp: the NMDA decay between spikes rounds as in the reference (float64). */
@external("env", "exp")
declare function jsExp(x: f64): f64;

// ---- parameter block (float64 slots; the same indices as PARAM in src/core/kernel/layout.ts) ----
const P_E_AMPA: i32 = 0;
const P_E_GABA: i32 = 1;
const P_E_NMDA: i32 = 2;
const P_DECAY_AMPA: i32 = 3;
const P_DECAY_GABA: i32 = 4;
const P_DECAY_NMDA: i32 = 5;
const P_NMDA_JUMP_SCALE: i32 = 6;
const P_STEPS_PER_DECAY: i32 = 7;
const P_TABLE_INV_STEP: i32 = 8;
const P_DRIVE_MODE: i32 = 9;
const P_NMDA_MODELLED: i32 = 10;
const P_TABLE_MIN: i32 = 11;
const P_TABLE_LAST: i32 = 12;
const P_TOTAL_K_LO: i32 = 13;
const P_GUIDE_SIZE: i32 = 14;
const P_POP: i32 = 16; // population p at P_POP + 16 p
const Q_CAP_OVER_DT: i32 = 0;
const Q_G_LEAK: i32 = 1;
const Q_LEAK_DRIVE: i32 = 2;
const Q_V_RESET: i32 = 3;
const Q_REF_STEPS: i32 = 4;
const Q_ADAPT_INC: i32 = 5;
const Q_ADAPT_DECAY: i32 = 6;
const Q_W_AMPA: i32 = 7;
const Q_W_NMDA: i32 = 8;
const Q_W_GABA: i32 = 9;
const Q_W_DRIVE: i32 = 10;
const Q_START: i32 = 11;
const Q_END: i32 = 12;
/** 0 when this population's adaptation is exactly 0 and cannot grow (no increment): w is skipped */
const Q_ADAPT_ON: i32 = 13;

const DRIVE_NONE: i32 = 0;
const DRIVE_PER_NEURON: i32 = 1;
const DRIVE_POPULATION: i32 = 2;

/** A waiting spike: pre (u32), spike step (i32), cursor (u32), row end (u32), NMDA Δs (f64). */
const FIFO_STRIDE: u32 = 24;
/** Packed synapse: delay in steps above bit 18, target below (MAX_NEURONS < 2^18). */
const TARGET_BITS: u32 = 18;
const TARGET_MASK: u32 = (1 << TARGET_BITS) - 1;

// ---- the slice descriptor (u32 words; the same indices as SLICE in src/core/kernel/layout.ts) ----
// A network's neurons are cut into slices (src/core/network.ts: always two, so that the spikes do
// not depend on how many threads step them). A slice owns its neurons' update, its own Poisson
// drive stream and the synapses that end on its neurons (its own rows, and its own FIFO or event
// lists). Everything a slice needs lives in memory behind its descriptor and the kernel keeps no
// state between calls: any instance of this module, on this thread or on another one sharing the
// memory, can step any slice, and the result is the same bit for bit.
/** word 0 holds the network's neuron count (for readers of the memory; the kernel needs only its slice) */
const D_EXCITATORY: usize = 1;
const D_V: usize = 2;
const D_GA: usize = 3;
const D_GG: usize = 4;
const D_SN: usize = 5;
const D_W: usize = 6;
const D_REF: usize = 7;
const D_THR: usize = 8;
const D_SPRE: usize = 9;
const D_LAST: usize = 10;
const D_ACC_A: usize = 11;
const D_ACC_N: usize = 12;
const D_ACC_G: usize = 13;
const D_DRIVE: usize = 14;
const D_ROW_START: usize = 15;
const D_SYN: usize = 16;
const D_FIFO: usize = 17;
const D_FIFO_CAPACITY: usize = 18;
const D_TABLE: usize = 19;
const D_CDF_NEURON: usize = 20;
const D_CDF_TOTAL: usize = 21;
const D_GUIDE: usize = 22;
const D_RNG: usize = 23;
const D_PARAMS: usize = 24;
/** this slice's spikes (ids) of even and odd steps, and their NMDA Δs (float64) */
const D_SPIKED: usize = 25;
const D_JUMP: usize = 27;
const D_EVENT_MODE: usize = 29;
const D_SLOT_META: usize = 30;
const D_CHUNK_NEXT: usize = 31;
const D_POOL: usize = 32;
const D_RING_MASK: usize = 33;
// the delivery's mutable words: loaded at the start of a call, stored back at its end
const D_FIFO_HEAD: usize = 34;
const D_FIFO_COUNT: usize = 35;
const D_FREE_HEAD: usize = 36;
const D_PENDING: usize = 37;
/** spike counts of even and odd steps */
const D_SPIKED_COUNT: usize = 38;
const D_LO: usize = 40;
const D_HI: usize = 41;

@inline function word(d: usize, k: usize): u32 {
  return load<u32>(d + (k << 2));
}

// ---- the slice being stepped: its pointers, copied from its descriptor by bind() ----
let excitatory: i32 = 0;
let sliceLo: i32 = 0;
let sliceHi: i32 = 0;
let pV: usize = 0;
let pGA: usize = 0;
let pGG: usize = 0;
let pSN: usize = 0;
let pW: usize = 0;
let pRef: usize = 0;
let pThr: usize = 0;
let pSPre: usize = 0;
let pLast: usize = 0;
let pAccA: usize = 0;
let pAccN: usize = 0;
let pAccG: usize = 0;
let pDrive: usize = 0;
let pRowStart: usize = 0;
let pSyn: usize = 0;
let pFifo: usize = 0;
let fifoCapacity: u32 = 0;
let pTable: usize = 0;
let pCdfNeuron: usize = 0;
let pCdfTotal: usize = 0;
let pGuide: usize = 0;
let pRng: usize = 0;
let pParams: usize = 0;
/** where advance() writes this step's spike ids */
let pSpiked: usize = 0;

// ---- FIFO of waiting spikes ----
let fifoHead: u32 = 0;
let fifoCount: u32 = 0;

// ---- or: event lists per arrival slot (chunks of a pool, linked; a free list) ----
/** Events per chunk; an excitatory event is target (u32) + Δs (f32), an inhibitory one a target. */
const CHUNK_EVENTS: i32 = 256;
const CHUNK_BYTES: usize = 256 * 8;
const E_EVENT_BYTES: usize = 8;
/** Per arrival slot: excitatory list (head, tail, count) then inhibitory list, 16 bytes each. */
const SLOT_META_BYTES: usize = 32;
let eventMode: bool = false;
let pSlotMeta: usize = 0;
let pChunkNext: usize = 0;
let pPool: usize = 0;
let ringMask: i32 = 0;
let freeHead: i32 = -1;
let pendingEvents: u32 = 0;

/** Loads the slice behind descriptor d into the globals. */
function bind(d: usize): void {
  excitatory = <i32>word(d, D_EXCITATORY);
  sliceLo = <i32>word(d, D_LO);
  sliceHi = <i32>word(d, D_HI);
  pV = word(d, D_V);
  pGA = word(d, D_GA);
  pGG = word(d, D_GG);
  pSN = word(d, D_SN);
  pW = word(d, D_W);
  pRef = word(d, D_REF);
  pThr = word(d, D_THR);
  pSPre = word(d, D_SPRE);
  pLast = word(d, D_LAST);
  pAccA = word(d, D_ACC_A);
  pAccN = word(d, D_ACC_N);
  pAccG = word(d, D_ACC_G);
  pDrive = word(d, D_DRIVE);
  pRowStart = word(d, D_ROW_START);
  pSyn = word(d, D_SYN);
  pFifo = word(d, D_FIFO);
  fifoCapacity = word(d, D_FIFO_CAPACITY);
  pTable = word(d, D_TABLE);
  pCdfNeuron = word(d, D_CDF_NEURON);
  pCdfTotal = word(d, D_CDF_TOTAL);
  pGuide = word(d, D_GUIDE);
  pRng = word(d, D_RNG);
  pParams = word(d, D_PARAMS);
  eventMode = word(d, D_EVENT_MODE) != 0;
  pSlotMeta = word(d, D_SLOT_META);
  pChunkNext = word(d, D_CHUNK_NEXT);
  pPool = word(d, D_POOL);
  ringMask = <i32>word(d, D_RING_MASK);
  fifoHead = word(d, D_FIFO_HEAD);
  fifoCount = word(d, D_FIFO_COUNT);
  freeHead = <i32>word(d, D_FREE_HEAD);
  pendingEvents = word(d, D_PENDING);
}

/** Stores the delivery's mutable words back into descriptor d. */
function unbind(d: usize): void {
  store<u32>(d + (D_FIFO_HEAD << 2), fifoHead);
  store<u32>(d + (D_FIFO_COUNT << 2), fifoCount);
  store<i32>(d + (D_FREE_HEAD << 2), freeHead);
  store<u32>(d + (D_PENDING << 2), pendingEvents);
}

/**
 * Readies a freshly laid-out slice: an empty FIFO or, in event mode, empty lists with all `chunks`
 * pool chunks on the free list.
 */
export function initSlice(d: usize, chunks: i32): void {
  bind(d);
  fifoHead = 0;
  fifoCount = 0;
  pendingEvents = 0;
  freeHead = -1;
  if (eventMode) {
    for (let c = 0; c < chunks; c++) store<i32>(pChunkNext + (<usize>c << 2), c + 1 < chunks ? c + 1 : -1);
    freeHead = chunks > 0 ? 0 : -1;
    for (let m = 0; m < (ringMask + 1) * 2; m++) {
      const at = pSlotMeta + <usize>m * 16;
      store<i32>(at, -1);
      store<i32>(at, -1, 4);
      store<i32>(at, 0, 8);
    }
  }
  unbind(d);
}

@inline function param(i: i32): f64 {
  return load<f64>(pParams + (<usize>i << 3));
}

// ---- xoshiro128** (Blackman & Vigna 2018), the same generator and state as src/core/rng.ts ----
let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

@inline function nextU32(): u32 {
  const r = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return r;
}

/** Uniform neuron index in [0, n): Lemire's multiply-shift with rejection, exactly uniform. */
@inline function below(n: u32): u32 {
  let m = <u64>nextU32() * <u64>n;
  let low = <u32>m;
  if (low < n) {
    const threshold: u32 = (<u32>0 - n) % n; // 2^32 mod n
    while (low < threshold) {
      m = <u64>nextU32() * <u64>n;
      low = <u32>m;
    }
  }
  return <u32>(m >> 32);
}

/** 2. Poisson drive counts of this step for the slice's neurons into drive[]. */
function drawDrive(mode: i32): void {
  if (mode == DRIVE_PER_NEURON) {
    // one uniform per neuron, inverted through the cumulative table
    for (let i = sliceLo; i < sliceHi; i++) {
      const u = <f64>nextU32() * 2.3283064365386963e-10;
      let k: i32 = 0;
      while (u >= load<f64>(pCdfNeuron + (<usize>k << 3))) k++;
      store<i32>(pDrive + (<usize>i << 2), k);
    }
  } else {
    // the slice's total ~ Poisson(N_slice λ) by guided inversion (53-bit uniform), then each event
    // to a uniformly chosen neuron of the slice: the counts are independent Poisson(λ) per neuron
    const a = nextU32() >>> 5;
    const b = nextU32() >>> 6;
    const u = (<f64>a * 67108864.0 + <f64>b) * 1.1102230246251565e-16;
    const guideSize = param(P_GUIDE_SIZE);
    let j = load<i32>(pGuide + (<usize>(<i32>(u * guideSize)) << 2));
    while (u >= load<f64>(pCdfTotal + (<usize>j << 3))) j++;
    const total = <i32>param(P_TOTAL_K_LO) + j;
    const n = <u32>(sliceHi - sliceLo);
    const first = <usize>sliceLo << 2;
    for (let e = 0; e < total; e++) {
      const at = pDrive + first + (<usize>below(n) << 2);
      store<i32>(at, load<i32>(at) + 1);
    }
  }
}

/** 1. Every waiting spike hands out the synapses whose delay equals its age. */
function deliver(now: i32): void {
  let slot = fifoHead;
  for (let q: u32 = 0; q < fifoCount; q++) {
    const e = pFifo + <usize>slot * FIFO_STRIDE;
    let cursor = load<u32>(e, 8);
    const end = load<u32>(e, 12);
    if (cursor < end) {
      const age = <u32>(now - load<i32>(e, 4));
      let packed = load<u32>(pSyn + (<usize>cursor << 2));
      if (packed >>> TARGET_BITS == age) {
        if (load<u32>(e) < <u32>excitatory) {
          const jump = <f32>load<f64>(e, 16);
          do {
            const t = <usize>(packed & TARGET_MASK) << 2;
            store<f32>(pAccA + t, load<f32>(pAccA + t) + 1);
            store<f32>(pAccN + t, load<f32>(pAccN + t) + jump);
            cursor++;
            if (cursor == end) break;
            packed = load<u32>(pSyn + (<usize>cursor << 2));
          } while (packed >>> TARGET_BITS == age);
        } else {
          do {
            const t = <usize>(packed & TARGET_MASK) << 2;
            store<f32>(pAccG + t, load<f32>(pAccG + t) + 1);
            cursor++;
            if (cursor == end) break;
            packed = load<u32>(pSyn + (<usize>cursor << 2));
          } while (packed >>> TARGET_BITS == age);
        }
        store<u32>(e, cursor, 8);
      }
    }
    slot++;
    if (slot == fifoCapacity) slot = 0;
  }
  // retire finished spikes from the front
  while (fifoCount > 0) {
    const e = pFifo + <usize>fifoHead * FIFO_STRIDE;
    if (load<u32>(e, 8) < load<u32>(e, 12)) break;
    fifoHead++;
    if (fifoHead == fifoCapacity) fifoHead = 0;
    fifoCount--;
  }
}

/** 1. (event mode) The events queued for this step's slot, in the order they were queued. */
function deliverSlot(now: i32): void {
  const meta = pSlotMeta + <usize>(now & ringMask) * SLOT_META_BYTES;
  // excitatory: AMPA count and NMDA Σ Δs
  let c = load<i32>(meta);
  let tail = load<i32>(meta, 4);
  let count = load<i32>(meta, 8);
  while (c >= 0) {
    const n = c == tail ? count : CHUNK_EVENTS;
    let ev = pPool + <usize>c * CHUNK_BYTES;
    const end = ev + <usize>n * E_EVENT_BYTES;
    for (; ev < end; ev += E_EVENT_BYTES) {
      const t = <usize>load<u32>(ev) << 2;
      store<f32>(pAccA + t, load<f32>(pAccA + t) + 1);
      store<f32>(pAccN + t, load<f32>(pAccN + t) + load<f32>(ev, 4));
    }
    pendingEvents -= <u32>n;
    const next = load<i32>(pChunkNext + (<usize>c << 2));
    store<i32>(pChunkNext + (<usize>c << 2), freeHead);
    freeHead = c;
    c = next;
  }
  store<i32>(meta, -1);
  store<i32>(meta, -1, 4);
  store<i32>(meta, 0, 8);
  // inhibitory: GABA count
  c = load<i32>(meta, 16);
  tail = load<i32>(meta, 20);
  count = load<i32>(meta, 24);
  while (c >= 0) {
    const n = c == tail ? count : CHUNK_EVENTS;
    let ev = pPool + <usize>c * CHUNK_BYTES;
    const end = ev + (<usize>n << 2);
    for (; ev < end; ev += 4) {
      const t = <usize>load<u32>(ev) << 2;
      store<f32>(pAccG + t, load<f32>(pAccG + t) + 1);
    }
    pendingEvents -= <u32>n;
    const next = load<i32>(pChunkNext + (<usize>c << 2));
    store<i32>(pChunkNext + (<usize>c << 2), freeHead);
    freeHead = c;
    c = next;
  }
  store<i32>(meta, -1, 16);
  store<i32>(meta, -1, 20);
  store<i32>(meta, 0, 24);
}

/** A chunk from the free list, linked after `tail` of the list at meta (or as its head). */
@inline function newChunk(meta: usize, tail: i32): i32 {
  const c = freeHead;
  if (c < 0) unreachable(); // the pool is sized for the worst case: cannot happen
  freeHead = load<i32>(pChunkNext + (<usize>c << 2));
  store<i32>(pChunkNext + (<usize>c << 2), -1);
  if (tail < 0) store<i32>(meta, c);
  else store<i32>(pChunkNext + (<usize>tail << 2), c);
  store<i32>(meta, c, 4);
  return c;
}

/** 6. (event mode) A spike's synapses, each queued in the list of its arrival step. */
function queueRow(now: i32, rowStart: u32, rowEnd: u32, excitatory: bool, jump: f64): void {
  const kind: usize = excitatory ? 0 : 16;
  for (let e = rowStart; e < rowEnd; e++) {
    const packed = load<u32>(pSyn + (<usize>e << 2));
    const meta = pSlotMeta + <usize>((now + <i32>(packed >>> TARGET_BITS)) & ringMask) * SLOT_META_BYTES + kind;
    let tail = load<i32>(meta, 4);
    let count = load<i32>(meta, 8);
    if (tail < 0 || count == CHUNK_EVENTS) {
      tail = newChunk(meta, tail);
      count = 0;
    }
    const chunk = pPool + <usize>tail * CHUNK_BYTES;
    if (excitatory) {
      const ev = chunk + <usize>count * E_EVENT_BYTES;
      store<u32>(ev, packed & TARGET_MASK);
      store<f32>(ev, <f32>jump, 4);
    } else {
      store<u32>(chunk + (<usize>count << 2), packed & TARGET_MASK);
    }
    store<i32>(meta, count + 1, 8);
  }
  pendingEvents += rowEnd - rowStart;
}

/**
 * 3–5. Arrivals, drive, membrane, threshold and reset, decay for neurons [start, end) of one
 * population, four at a time in float32 (f32x4). Returns the new spike count.
 */
function updatePopulation(base: i32, spikedIn: i32, driveOn: bool): i32 {
  // one copy of the loop per combination of what is switched on (folded at compile time), so a
  // loop carries no state, constants or branches for what its network does not have
  const nmdaModelled = param(P_NMDA_MODELLED) != 0;
  const nmdaOn = nmdaModelled && param(base + Q_W_NMDA) != 0;
  const adaptOn = param(base + Q_ADAPT_ON) != 0;
  if (nmdaOn) {
    if (adaptOn) return driveOn ? updateRange(base, spikedIn, true, true, true, true) : updateRange(base, spikedIn, false, true, true, true);
    return driveOn ? updateRange(base, spikedIn, true, true, false, true) : updateRange(base, spikedIn, false, true, false, true);
  }
  if (nmdaModelled) {
    if (adaptOn) return driveOn ? updateRange(base, spikedIn, true, false, true, true) : updateRange(base, spikedIn, false, false, true, true);
    return driveOn ? updateRange(base, spikedIn, true, false, false, true) : updateRange(base, spikedIn, false, false, false, true);
  }
  if (adaptOn) return driveOn ? updateRange(base, spikedIn, true, false, true, false) : updateRange(base, spikedIn, false, false, true, false);
  return driveOn ? updateRange(base, spikedIn, true, false, false, false) : updateRange(base, spikedIn, false, false, false, false);
}

/**
 * The loop of updatePopulation with its switches as constants: nmdaOn (the NMDA conductance
 * counts), adaptOn (w may be non-zero), nmdaModelled (the NMDA gating is tracked at all: without
 * it sNmda and its accumulator stay exactly 0 and are neither read nor written).
 */
// @ts-ignore: decorator
@inline function updateRange(base: i32, spikedIn: i32, driveOn: bool, nmdaOn: bool, adaptOn: bool, nmdaModelled: bool): i32 {
  const start = <i32>param(base + Q_START);
  const end = <i32>param(base + Q_END);
  const capOverDt = <f32>param(base + Q_CAP_OVER_DT);
  const gLeak = <f32>param(base + Q_G_LEAK);
  const leakDrive = <f32>param(base + Q_LEAK_DRIVE);
  const vReset = <f32>param(base + Q_V_RESET);
  const refSteps = <i32>param(base + Q_REF_STEPS);
  const adaptInc = <f32>param(base + Q_ADAPT_INC);
  const adaptDecay = <f32>param(base + Q_ADAPT_DECAY);
  const wAmpa = <f32>param(base + Q_W_AMPA);
  const wNmda = <f32>param(base + Q_W_NMDA);
  const wGaba = <f32>param(base + Q_W_GABA);
  const wDrive = <f32>param(base + Q_W_DRIVE);
  const eAmpa = <f32>param(P_E_AMPA);
  const eGaba = <f32>param(P_E_GABA);
  const eNmda = <f32>param(P_E_NMDA);
  const decayAmpa = <f32>param(P_DECAY_AMPA);
  const decayGaba = <f32>param(P_DECAY_GABA);
  const decayNmda = <f32>param(P_DECAY_NMDA);
  const tableMin = <f32>param(P_TABLE_MIN);
  const tableInvStep = <f32>param(P_TABLE_INV_STEP);
  const tableLast = <f32>param(P_TABLE_LAST);
  // the NMDA and adaptation terms are skipped where they are exactly zero (the switches above)
  // the arrays' addresses in locals (mutable globals would be reloaded every iteration)
  const pv = pV, pga = pGA, pgg = pGG, psn = pSN, pw = pW, pref = pRef, pthr = pThr;
  const paccA = pAccA, paccG = pAccG, paccN = pAccN, pdrive = pDrive, ptable = pTable, pspiked = pSpiked;

  const vCapOverDt = f32x4.splat(capOverDt);
  const vLeakDrive = f32x4.splat(leakDrive);
  const vDenomBase = f32x4.splat(capOverDt + gLeak);
  const vReset4 = f32x4.splat(vReset);
  const vAdaptInc = f32x4.splat(adaptInc);
  const vAdaptDecay = f32x4.splat(adaptDecay);
  const vWAmpa = f32x4.splat(wAmpa);
  const vWGaba = f32x4.splat(wGaba);
  const vWDrive = f32x4.splat(wDrive);
  const vWNmda = f32x4.splat(wNmda);
  const vEAmpa = f32x4.splat(eAmpa);
  const vEGaba = f32x4.splat(eGaba);
  const vENmda = f32x4.splat(eNmda);
  const vDecayAmpa = f32x4.splat(decayAmpa);
  const vDecayGaba = f32x4.splat(decayGaba);
  const vDecayNmda = f32x4.splat(decayNmda);
  const zero = i32x4.splat(0);
  const zeroF = f32x4.splat(0);
  const vTableMin = f32x4.splat(tableMin);
  const vTableInvStep = f32x4.splat(tableInvStep);
  const vTableLast = f32x4.splat(tableLast);
  let spiked = spikedIn;

  let i = start;
  for (; i + 3 < end; i += 4) {
    const o4 = <usize>i << 2;
    // 1. arrivals (float32 accumulators, cleared once read)
    const countA = v128.load(paccA + o4);
    const countG = v128.load(paccG + o4);
    v128.store(paccA + o4, zero);
    v128.store(paccG + o4, zero);
    let gA = f32x4.add(v128.load(pga + o4), f32x4.mul(vWAmpa, countA));
    const gG = f32x4.add(v128.load(pgg + o4), f32x4.mul(vWGaba, countG));
    let sN = zeroF;
    if (nmdaModelled) {
      sN = f32x4.add(v128.load(psn + o4), v128.load(paccN + o4));
      v128.store(paccN + o4, zero);
    }
    // 2. drive
    if (driveOn) {
      const k = f32x4.convert_i32x4_s(v128.load(pdrive + o4));
      v128.store(pdrive + o4, zero);
      gA = f32x4.add(gA, f32x4.mul(k, vWDrive));
    }
    // 3–4. membrane (backward Euler), threshold, reset
    const vOld = v128.load(pv + o4);
    let w = adaptOn ? v128.load(pw + o4) : zeroF;
    const ref = v128.load(pref + o4);
    const refractory = i32x4.gt_s(ref, zero);
    let num = f32x4.add(f32x4.add(f32x4.add(f32x4.mul(vCapOverDt, vOld), vLeakDrive), f32x4.mul(gA, vEAmpa)), f32x4.mul(gG, vEGaba));
    let den = f32x4.add(f32x4.add(vDenomBase, gA), gG);
    if (nmdaOn) {
      // B(V): index arithmetic for four lanes at once, the table read lane by lane
      let x = f32x4.mul(f32x4.sub(vOld, vTableMin), vTableInvStep);
      x = f32x4.pmin(f32x4.pmax(x, zeroF), vTableLast);
      const k = i32x4.trunc_sat_f32x4_s(x);
      // the table holds (B_k, B_k+1 − B_k) pairs: one 8-byte load per lane
      const p01 = v128.load64_lane(ptable + (<usize>i32x4.extract_lane(k, 1) << 3), v128.load64_zero(ptable + (<usize>i32x4.extract_lane(k, 0) << 3)), 1);
      const p23 = v128.load64_lane(ptable + (<usize>i32x4.extract_lane(k, 3) << 3), v128.load64_zero(ptable + (<usize>i32x4.extract_lane(k, 2) << 3)), 1);
      const t0 = v128.shuffle<f32>(p01, p23, 0, 2, 4, 6);
      const slope = v128.shuffle<f32>(p01, p23, 1, 3, 5, 7);
      const frac = f32x4.sub(x, f32x4.convert_i32x4_s(k));
      const block = f32x4.add(t0, f32x4.mul(frac, slope));
      const gN = f32x4.mul(f32x4.mul(vWNmda, sN), block);
      num = f32x4.add(num, f32x4.mul(gN, vENmda));
      den = f32x4.add(den, gN);
    }
    if (adaptOn) num = f32x4.sub(num, w);
    let vNew = f32x4.div(num, den);
    vNew = v128.bitselect(vReset4, vNew, refractory);
    const fired = v128.andnot(f32x4.gt(vNew, v128.load(pthr + o4)), refractory);
    // refractory countdown: ref − 1 where counting (ref + mask, mask = −1)
    v128.store(pref + o4, i32x4.add(ref, refractory));
    if (v128.any_true(fired)) {
      vNew = v128.bitselect(vReset4, vNew, fired);
      if (adaptOn) w = v128.bitselect(f32x4.add(w, vAdaptInc), w, fired);
      let bits = i32x4.bitmask(fired);
      while (bits != 0) {
        const lane = ctz(bits);
        bits &= bits - 1;
        store<i32>(pref + o4 + (<usize>lane << 2), refSteps);
        store<u32>(pspiked + (<usize>spiked << 2), i + lane);
        spiked++;
      }
    }
    v128.store(pv + o4, vNew);
    // 5. decay
    v128.store(pga + o4, f32x4.mul(gA, vDecayAmpa));
    v128.store(pgg + o4, f32x4.mul(gG, vDecayGaba));
    if (nmdaModelled) v128.store(psn + o4, f32x4.mul(sN, vDecayNmda));
    if (adaptOn) v128.store(pw + o4, f32x4.mul(w, vAdaptDecay));
  }

  // the one to three neurons left over: the same float32 arithmetic on scalars
  for (; i < end; i++) {
    const o4 = <usize>i << 2;
    let gA = load<f32>(pga + o4) + wAmpa * load<f32>(paccA + o4);
    const gG = load<f32>(pgg + o4) + wGaba * load<f32>(paccG + o4);
    const sN = load<f32>(psn + o4) + load<f32>(paccN + o4);
    store<f32>(paccA + o4, 0);
    store<f32>(paccG + o4, 0);
    store<f32>(paccN + o4, 0);
    if (driveOn) {
      gA += <f32>load<i32>(pdrive + o4) * wDrive;
      store<i32>(pdrive + o4, 0);
    }
    let v = load<f32>(pv + o4);
    let w: f32 = adaptOn ? load<f32>(pw + o4) : 0;
    const refLeft = load<i32>(pref + o4);
    if (refLeft > 0) {
      store<i32>(pref + o4, refLeft - 1);
      v = vReset;
    } else {
      let num = capOverDt * v + leakDrive + gA * eAmpa + gG * eGaba;
      let den = capOverDt + gLeak + gA + gG;
      if (nmdaOn) {
        let x = (v - tableMin) * tableInvStep;
        x = x < 0 ? 0 : x;
        x = tableLast < x ? tableLast : x;
        const k = <i32>x;
        const at = ptable + (<usize>k << 3);
        const block = load<f32>(at) + (x - <f32>k) * load<f32>(at, 4);
        const gN = wNmda * sN * block;
        num += gN * eNmda;
        den += gN;
      }
      if (adaptOn) num -= w;
      v = num / den;
      if (v > load<f32>(pthr + o4)) {
        v = vReset;
        store<i32>(pref + o4, refSteps);
        w += adaptInc;
        store<u32>(pspiked + (<usize>spiked << 2), i);
        spiked++;
      }
    }
    store<f32>(pv + o4, v);
    store<f32>(pga + o4, gA * decayAmpa);
    store<f32>(pgg + o4, gG * decayGaba);
    store<f32>(psn + o4, sN * decayNmda);
    if (adaptOn) store<f32>(pw + o4, w * adaptDecay);
  }
  return spiked;
}

/**
 * Steps 1–5 of step n for the slice behind descriptor d (arrivals, drive, membrane, threshold and
 * reset, decay), then 6a: each new spike's presynaptic NMDA gating (its neuron belongs to this
 * slice), decayed since its last spike and given its saturating jump. Returns the slice's spike
 * count; the ids and jumps go to the slice's lists of n's parity, where propagate() reads them.
 * n is an integer held in a float64, as in the reference.
 */
export function advance(d: usize, nowSteps: f64): i32 {
  bind(d);
  const now = <i32><i64>nowSteps;
  if (eventMode) deliverSlot(now);
  else deliver(now);
  const mode = <i32>param(P_DRIVE_MODE);
  s0 = load<u32>(pRng);
  s1 = load<u32>(pRng, 4);
  s2 = load<u32>(pRng, 8);
  s3 = load<u32>(pRng, 12);
  if (mode != DRIVE_NONE) drawDrive(mode);
  store<u32>(pRng, s0);
  store<u32>(pRng, s1, 4);
  store<u32>(pRng, s2, 8);
  store<u32>(pRng, s3, 12);
  const driveOn = mode != DRIVE_NONE;
  const parity = <usize>(now & 1);
  pSpiked = word(d, D_SPIKED + parity);
  let spiked = updatePopulation(P_POP, 0, driveOn);
  spiked = updatePopulation(P_POP + 16, spiked, driveOn);
  const pJump = <usize>word(d, D_JUMP + parity);
  const nmdaOn = param(P_NMDA_MODELLED) != 0;
  const stepsPerDecay = param(P_STEPS_PER_DECAY);
  const jumpScale = param(P_NMDA_JUMP_SCALE);
  for (let k = 0; k < spiked; k++) {
    const pre = load<u32>(pSpiked + (<usize>k << 2));
    let jump: f64 = 0;
    if (pre < <u32>excitatory && nmdaOn) {
      const o8 = <usize>pre << 3;
      const s = load<f64>(pSPre + o8) * jsExp(-(nowSteps - load<f64>(pLast + o8)) * stepsPerDecay);
      jump = (1 - s) * jumpScale;
      store<f64>(pSPre + o8, s + jump);
      store<f64>(pLast + o8, nowSteps);
    }
    store<f64>(pJump + (<usize>k << 3), jump);
  }
  store<u32>(d + ((D_SPIKED_COUNT + parity) << 2), spiked);
  unbind(d);
  return spiked;
}

/**
 * 6b. The spikes of step n in the lists of slice `source` (this slice or another), each queued for
 * the synapses that end on this slice's neurons (this slice's part of its row): in the lists of
 * their arrival steps (event mode) or in the FIFO with a cursor at the part's start. Called for
 * every slice as source, in slice order, so each target receives its arrivals in the order of
 * spike step, neuron id and row position, however many threads step the slices.
 */
export function propagate(d: usize, source: usize, nowSteps: f64): void {
  bind(d);
  const now = <i32><i64>nowSteps;
  const parity = <usize>(now & 1);
  const count = word(source, D_SPIKED_COUNT + parity);
  const ids = <usize>word(source, D_SPIKED + parity);
  const jumps = <usize>word(source, D_JUMP + parity);
  for (let k: u32 = 0; k < count; k++) {
    const pre = load<u32>(ids + (<usize>k << 2));
    const rowStart = load<u32>(pRowStart + (<usize>pre << 2));
    const rowEnd = load<u32>(pRowStart + (<usize>pre << 2), 4);
    if (rowStart == rowEnd) continue;
    const jump = load<f64>(jumps + (<usize>k << 3));
    if (eventMode) {
      queueRow(now, rowStart, rowEnd, pre < <u32>excitatory, jump);
      continue;
    }
    if (fifoCount == fifoCapacity) unreachable(); // sized from the refractory periods: cannot happen
    let slot = fifoHead + fifoCount;
    if (slot >= fifoCapacity) slot -= fifoCapacity;
    const e = pFifo + <usize>slot * FIFO_STRIDE;
    store<u32>(e, pre);
    store<i32>(e, now, 4);
    store<u32>(e, rowStart, 8);
    store<u32>(e, rowEnd, 12);
    store<f64>(e, jump, 16);
    fifoCount++;
  }
  unbind(d);
}

/**
 * Spikes on their way: step 1's arrivals (each target's AMPA count, NMDA Σ Δs and GABA count, in
 * float32 accumulators that the neuron update reads and clears) and step 6b's queueing of new
 * spikes, in one of two modes with bit-identical results (chosen by src/core/network.ts):
 *  - events: each spike's synapses are queued at once, each in the list of its arrival step
 *    (chunks from a pool, linked, with a free list); at step n the step's lists are read in order;
 *  - FIFO: the spikes of the last maxDelay steps wait with a cursor into their delay-sorted rows
 *    and hand out, at step n, the synapses whose delay equals their age (best when all delays are
 *    equal, as in COBA).
 * Either way the arrivals come in the reference's order (spike step, spike order, row order).
 */
import {
  CHUNK_BYTES,
  CHUNK_EVENTS,
  FIFO_STRIDE_BYTES,
  PACKED_TARGET_BITS,
  PARAM,
  SLICE,
  SLICE_TOUCH_WORD,
  SLOT_META_BYTES,
} from './layout.generated';
import { excitatory, pAccA, pAccG, pAccN, param, word } from './slice';

/** Packed synapse: delay in steps above bit PACKED_TARGET_BITS, target below. */
const TARGET_MASK: u32 = (1 << PACKED_TARGET_BITS) - 1;

// the slice's rows (synapses onto its neurons), delay-sorted and packed
let pRowStart: usize = 0;
let pDescriptor: usize = 0;
let pSyn: usize = 0;

// ---- FIFO of waiting spikes: pre (u32), spike step (i32), cursor (u32), row end (u32), NMDA Δs (f64) ----
let pFifo: usize = 0;
let fifoCapacity: u32 = 0;
let fifoHead: u32 = 0;
let fifoCount: u32 = 0;

// ---- or: event lists per arrival slot (chunks of a pool, linked; a free list) ----
/**
 * Chunks of CHUNK_EVENTS events; an excitatory event is target (u32) + Δs (f32), an inhibitory one
 * a target (so a chunk holds CHUNK_EVENTS excitatory or 2·CHUNK_EVENTS inhibitory events). Per
 * arrival slot (SLOT_META_BYTES): the excitatory list (head chunk, tail chunk, write address), then
 * the inhibitory one, 16 bytes each. The write address is where the next event goes; the pool is
 * CHUNK_BYTES-aligned (layout.ts), so an address on a chunk boundary means "no room" — the tail is
 * full, or the list empty (its address is then the pool's start) — and queueing asks only that.
 */
const E_EVENT_BYTES: usize = 8;
let eventMode: bool = false;
let pSlotMeta: usize = 0;
let pChunkNext: usize = 0;
let pPool: usize = 0;
let ringMask: i32 = 0;
let freeHead: i32 = -1;
let pendingEvents: u32 = 0;

/** Loads the delivery of the slice behind descriptor d: its pointers and its mutable words. */
export function bindDelivery(d: usize): void {
  pRowStart = word(d, SLICE.rowStart);
  pDescriptor = d;
  pSyn = word(d, SLICE.synapses);
  pFifo = word(d, SLICE.fifo);
  fifoCapacity = word(d, SLICE.fifoCapacity);
  eventMode = word(d, SLICE.eventMode) != 0;
  pSlotMeta = word(d, SLICE.slotMeta);
  pChunkNext = word(d, SLICE.chunkNext);
  pPool = word(d, SLICE.pool);
  ringMask = <i32>word(d, SLICE.ringMask);
  fifoHead = word(d, SLICE.fifoHead);
  fifoCount = word(d, SLICE.fifoCount);
  freeHead = <i32>word(d, SLICE.freeHead);
  pendingEvents = word(d, SLICE.pendingEvents);
}

/** Stores the delivery's mutable words back into descriptor d. */
export function unbindDelivery(d: usize): void {
  store<u32>(d + (SLICE.fifoHead << 2), fifoHead);
  store<u32>(d + (SLICE.fifoCount << 2), fifoCount);
  store<i32>(d + (SLICE.freeHead << 2), freeHead);
  store<u32>(d + (SLICE.pendingEvents << 2), pendingEvents);
}

/** An empty FIFO or, in event mode, empty lists with all `chunks` pool chunks on the free list. */
export function initDelivery(chunks: i32): void {
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
      store<u32>(at, <u32>pPool, 8);
    }
  }
}

/** 1. The arrivals of step `now` into the accumulators. */
export function deliverArrivals(now: i32): void {
  if (eventMode) deliverSlot(now);
  else deliver(now);
}

/** 1. Every waiting spike hands out the synapses whose delay equals its age. */
function deliver(now: i32): void {
  // the globals in locals: V8 reloads a mutable global at every use inside a loop
  const syn = pSyn, fifo = pFifo, accA = pAccA, accN = pAccN, accG = pAccG, capacity = fifoCapacity;
  const count = fifoCount, nE = <u32>excitatory;
  const nmdaOn = param(PARAM.nmdaModelled) != 0;
  let slot = fifoHead;
  for (let q: u32 = 0; q < count; q++) {
    const e = fifo + <usize>slot * FIFO_STRIDE_BYTES;
    let cursor = load<u32>(e, 8);
    const end = load<u32>(e, 12);
    if (cursor < end) {
      const age = <u32>(now - load<i32>(e, 4));
      let packed = load<u32>(syn + (<usize>cursor << 2));
      if (packed >>> PACKED_TARGET_BITS == age) {
        if (load<u32>(e) < nE && nmdaOn) {
          const jump = <f32>load<f64>(e, 16);
          do {
            const t = <usize>(packed & TARGET_MASK) << 2;
            store<f32>(accA + t, load<f32>(accA + t) + 1);
            store<f32>(accN + t, load<f32>(accN + t) + jump);
            cursor++;
            if (cursor == end) break;
            packed = load<u32>(syn + (<usize>cursor << 2));
          } while (packed >>> PACKED_TARGET_BITS == age);
        } else if (load<u32>(e) < nE) {
          // no NMDA in this network: its Σ Δs would stay 0 and is never read
          do {
            const t = <usize>(packed & TARGET_MASK) << 2;
            store<f32>(accA + t, load<f32>(accA + t) + 1);
            cursor++;
            if (cursor == end) break;
            packed = load<u32>(syn + (<usize>cursor << 2));
          } while (packed >>> PACKED_TARGET_BITS == age);
        } else {
          do {
            const t = <usize>(packed & TARGET_MASK) << 2;
            store<f32>(accG + t, load<f32>(accG + t) + 1);
            cursor++;
            if (cursor == end) break;
            packed = load<u32>(syn + (<usize>cursor << 2));
          } while (packed >>> PACKED_TARGET_BITS == age);
        }
        store<u32>(e, cursor, 8);
      }
    }
    slot++;
    if (slot == capacity) slot = 0;
  }
  // retire finished spikes from the front
  let head = fifoHead;
  let left = count;
  while (left > 0) {
    const e = fifo + <usize>head * FIFO_STRIDE_BYTES;
    if (load<u32>(e, 8) < load<u32>(e, 12)) break;
    head++;
    if (head == capacity) head = 0;
    left--;
  }
  fifoHead = head;
  fifoCount = left;
}

/** 1. (event mode) The events queued for this step's slot, in the order they were queued. */
function deliverSlot(now: i32): void {
  const meta = pSlotMeta + <usize>(now & ringMask) * SLOT_META_BYTES;
  const pool = pPool, next = pChunkNext, accA = pAccA, accN = pAccN, accG = pAccG;
  let free = freeHead;
  let bytes: usize = 0;
  // excitatory: AMPA count and NMDA Σ Δs
  let c = load<i32>(meta);
  let tail = load<i32>(meta, 4);
  let written = <usize>load<u32>(meta, 8);
  while (c >= 0) {
    let ev = pool + <usize>c * CHUNK_BYTES;
    const end = c == tail ? written : ev + CHUNK_BYTES;
    bytes += end - ev;
    for (; ev < end; ev += E_EVENT_BYTES) {
      const t = <usize>load<u32>(ev) << 2;
      store<f32>(accA + t, load<f32>(accA + t) + 1);
      store<f32>(accN + t, load<f32>(accN + t) + load<f32>(ev, 4));
    }
    const after = load<i32>(next + (<usize>c << 2));
    store<i32>(next + (<usize>c << 2), free);
    free = c;
    c = after;
  }
  store<i32>(meta, -1);
  store<i32>(meta, -1, 4);
  store<u32>(meta, <u32>pool, 8);
  let delivered = <u32>(bytes / E_EVENT_BYTES);
  // inhibitory: GABA count
  bytes = 0;
  c = load<i32>(meta, 16);
  tail = load<i32>(meta, 20);
  written = <usize>load<u32>(meta, 24);
  while (c >= 0) {
    let ev = pool + <usize>c * CHUNK_BYTES;
    const end = c == tail ? written : ev + CHUNK_BYTES;
    bytes += end - ev;
    for (; ev < end; ev += 4) {
      const t = <usize>load<u32>(ev) << 2;
      store<f32>(accG + t, load<f32>(accG + t) + 1);
    }
    const after = load<i32>(next + (<usize>c << 2));
    store<i32>(next + (<usize>c << 2), free);
    free = c;
    c = after;
  }
  store<i32>(meta, -1, 16);
  store<i32>(meta, -1, 20);
  store<u32>(meta, <u32>pool, 24);
  delivered += <u32>(bytes >> 2);
  freeHead = free;
  pendingEvents -= delivered;
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

/**
 * 6. (event mode) A spike's synapses, each queued in the list of its arrival step. (Walking the
 * delay-sorted row in runs of one delay, with the list's tail and count in locals, was 18 % slower
 * on the bursting sheet: runs are 1–2 synapses long and their ends mispredict.)
 */
@inline function queueRow(now: i32, rowStart: u32, rowEnd: u32, excitatory: bool, jump: f32): void {
  const syn = pSyn, mask = ringMask;
  const metaBase = pSlotMeta + (excitatory ? 0 : 16);
  for (let e = rowStart; e < rowEnd; e++) {
    const packed = load<u32>(syn + (<usize>e << 2));
    const meta = metaBase + <usize>((now + <i32>(packed >>> PACKED_TARGET_BITS)) & mask) * SLOT_META_BYTES;
    let at = <usize>load<u32>(meta, 8);
    if ((at & (CHUNK_BYTES - 1)) == 0) at = pPool + <usize>newChunk(meta, load<i32>(meta, 4)) * CHUNK_BYTES;
    store<u32>(at, packed & TARGET_MASK);
    if (excitatory) {
      store<f32>(at, jump, 4);
      store<u32>(meta, <u32>(at + E_EVENT_BYTES), 8);
    } else {
      store<u32>(meta, <u32>(at + 4), 8);
    }
  }
}

/** queueRow for an excitatory spike (AMPA + NMDA events), compiled apart from the inhibitory one. */
function queueRowE(now: i32, rowStart: u32, rowEnd: u32, jump: f32): void {
  queueRow(now, rowStart, rowEnd, true, jump);
}

/** queueRow for an inhibitory spike (GABA events). */
function queueRowI(now: i32, rowStart: u32, rowEnd: u32): void {
  queueRow(now, rowStart, rowEnd, false, 0);
}

/**
 * 6b. `count` spikes of step `now` (their ids and NMDA Δs at `ids` and `jumps`), each queued for
 * the synapses that end on this slice's neurons (this slice's part of its row): in the lists of
 * their arrival steps (event mode) or in the FIFO with a cursor at the part's start.
 */
export function queueSpikes(now: i32, count: u32, ids: usize, jumps: usize): void {
  const rows = pRowStart, nE = <u32>excitatory;
  let queued: u32 = 0;
  // Touch every cache line of the spikes' rows first, with loads that depend on nothing but the
  // ids, so that the core fetches them all at once: the rows are spread over megabytes (outside the
  // L2 cache) and queueing read them one miss at a time (1.15–1.29× on the ictal 10k sheet).
  const syn = pSyn;
  let touched: u32 = 0;
  for (let k: u32 = 0; k < count; k++) {
    const pre = load<u32>(ids + (<usize>k << 2));
    const from = syn + (<usize>load<u32>(rows + (<usize>pre << 2)) << 2);
    const to = syn + (<usize>load<u32>(rows + (<usize>pre << 2), 4) << 2);
    for (let at = from & ~63; at < to; at += 64) touched ^= load<u32>(at);
  }
  // (stored, so that no compiler drops the loads)
  store<u32>(pDescriptor + (SLICE_TOUCH_WORD << 2), touched);
  for (let k: u32 = 0; k < count; k++) {
    const pre = load<u32>(ids + (<usize>k << 2));
    const rowStart = load<u32>(rows + (<usize>pre << 2));
    const rowEnd = load<u32>(rows + (<usize>pre << 2), 4);
    if (rowStart == rowEnd) continue;
    const jump = load<f64>(jumps + (<usize>k << 3));
    if (eventMode) {
      if (pre < nE) queueRowE(now, rowStart, rowEnd, <f32>jump);
      else queueRowI(now, rowStart, rowEnd);
      queued += rowEnd - rowStart;
      continue;
    }
    if (fifoCount == fifoCapacity) unreachable(); // sized from the refractory periods: cannot happen
    let slot = fifoHead + fifoCount;
    if (slot >= fifoCapacity) slot -= fifoCapacity;
    const e = pFifo + <usize>slot * FIFO_STRIDE_BYTES;
    store<u32>(e, pre);
    store<i32>(e, now, 4);
    store<u32>(e, rowStart, 8);
    store<u32>(e, rowEnd, 12);
    store<f64>(e, jump, 16);
    fifoCount++;
  }
  pendingEvents += queued;
}

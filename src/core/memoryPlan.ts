/**
 * The memory plan of a network: which kernel steps it, how its neurons are cut into slices, how
 * large each array of the one block of memory is (laid out by src/core/kernel/layout.ts), and what
 * the block and the rest of the network cost in bytes. Decided once, before any array exists.
 */
import type { Connectivity, Layout } from './connectivity';
import type { NetworkConfig, PopulationParams } from './params';
import { excitatoryCount } from './params';
import { BLOCK_TABLE_LENGTH } from './kernel/blockTable';
import type { StateLayout } from './kernel/layout';
import { CHUNK_BYTES, CHUNK_EVENTS, FIFO_STRIDE_BYTES, layoutState, PARAM_SLOTS, SLOT_META_BYTES } from './kernel/layout';
import { DRIVE_POPULATION_MAX_MEAN, guideSizeFor, MAX_POISSON_TABLE, totalTableCapacity } from './kernel/poisson';
import { synapsesOnto } from './kernel/rowPacking';
import { WASM_STATE_BASE, wasmKernelAvailable } from './kernel/wasm';

export type KernelKind = 'wasm' | 'reference';

/** How the fast kernel delivers spikes; see NetworkOptions.delivery. */
export type DeliveryChoice = 'events' | 'fifo' | 'auto';

/**
 * The neurons are cut into this many slices, whatever the number of threads: each slice has its
 * own drive stream and its own part of every row, so one thread stepping both slices in turn and
 * two threads stepping one each give the same spikes bit for bit.
 */
export const SLICE_COUNT = 2;

/** The event pool is reserved for the worst case but touched only as far as it is used. */
export const EVENT_POOL_MAX_BYTES = 512 * 1024 * 1024;

/** The largest WebAssembly memory the fast kernel asks for (browsers allow 2–4 GiB). */
export const MAX_WASM_MEMORY_BYTES = 2 * 1024 ** 3;

/** The kernel 'auto' picks here. */
export function defaultKernel(): KernelKind {
  return wasmKernelAvailable() ? 'wasm' : 'reference';
}

/** Slice s of n neurons: [lo, hi), the cut on a multiple of 4 (the fast kernel's vector width). */
export function sliceBounds(n: number, s: number): { lo: number; hi: number } {
  const cut = Math.min(n, 4 * Math.ceil(n / 8));
  return s === 0 ? { lo: 0, hi: cut } : { lo: cut, hi: n };
}

/** The kernel that steps the network and where each of its arrays lives. */
export interface MemoryPlan {
  readonly kernel: KernelKind;
  readonly layout: StateLayout;
}

/**
 * The plan for this network and this request. A WebAssembly memory is 32-bit: 'auto' steps an
 * extreme network (refractory 0, long delays, huge sizes) with the reference kernel rather than fail.
 */
export function planMemory(config: NetworkConfig, connectivity: Connectivity, kernel: KernelKind | 'auto', delivery: DeliveryChoice): MemoryPlan {
  let kind: KernelKind = kernel === 'auto' ? defaultKernel() : kernel;
  let layout = layoutFor(config, connectivity, kind === 'wasm', delivery);
  if (kind === 'wasm' && kernel === 'auto' && WASM_STATE_BASE + layout.bytes > MAX_WASM_MEMORY_BYTES) {
    kind = 'reference';
    layout = layoutFor(config, connectivity, false, delivery);
  }
  return { kernel: kind, layout };
}

function layoutFor(config: NetworkConfig, connectivity: Connectivity, fast: boolean, delivery: DeliveryChoice): StateLayout {
  const n = config.neurons;
  const bounds = Array.from({ length: SLICE_COUNT }, (_, s) => sliceBounds(n, s));
  const pools = bounds.map(({ lo, hi }) => (fast ? eventPoolSize(config, connectivity, delivery, lo, hi) : { slots: 0, chunks: 0 }));
  // one slice in event mode means both (they share the decision, not the pools)
  const events = pools.every((p) => p.chunks > 0);
  const totalCapacity = totalTableCapacity(n * DRIVE_POPULATION_MAX_MEAN);
  return layoutState({
    neurons: n,
    stateBytes: fast ? 4 : 8,
    mgTableLength: fast ? BLOCK_TABLE_LENGTH : 0,
    cdfNeuronLength: MAX_POISSON_TABLE,
    cdfTotalCapacity: totalCapacity,
    guideCapacity: guideSizeFor(totalCapacity),
    withRows: fast,
    slices: bounds.map(({ lo, hi }, s) => ({
      lo,
      hi,
      synapseCount: fast ? synapsesOnto(connectivity, lo, hi) : 0,
      fifoCapacity: fast && !events ? fifoCapacity(config, connectivity) : 0,
      eventSlots: events ? pools[s].slots : 0,
      chunks: events ? pools[s].chunks : 0,
    })),
  }, fast ? WASM_STATE_BASE : 0);
}

/** Steps from one spike of a neuron of this population to its next: refractory steps + 1. */
function spikeSpacingSteps(p: PopulationParams, dtMs: number): number {
  return Math.round(p.tauRefMs / dtMs) + 1;
}

/**
 * Waiting spikes the fast kernel's FIFO can hold: spikes of the last maxDelay steps, at most
 * ⌈maxDelay / (refractory steps + 1)⌉ per neuron (a neuron cannot fire during its refractory steps).
 */
function fifoCapacity(config: NetworkConfig, connectivity: Connectivity): number {
  const maxDelay = connectivity.maxDelaySteps;
  const nE = excitatoryCount(config);
  const perNeuron = (p: PopulationParams) => Math.ceil(maxDelay / spikeSpacingSteps(p, config.dtMs));
  return nE * perNeuron(config.exc) + (config.neurons - nE) * perNeuron(config.inh);
}

/**
 * Event mode's arrival slots and pool chunks for the synapses onto neurons [lo, hi), or none (FIFO
 * mode). A synapse with delay d is pending for d steps after each spike of its neuron, and a neuron
 * fires at most once in refractory steps + 1, so at most ⌈d / (refractory steps + 1)⌉ copies of it
 * wait at once; every list but its tail chunk is full.
 */
function eventPoolSize(config: NetworkConfig, connectivity: Connectivity, delivery: DeliveryChoice, lo: number, hi: number): { slots: number; chunks: number } {
  if (delivery === 'fifo') return { slots: 0, chunks: 0 };
  const { rowStart, targets, delaySteps, maxDelaySteps: maxDelay } = connectivity;
  // one delay for all (COBA): a waiting spike delivers its whole row at once, the FIFO is quicker
  if (delivery === 'auto' && delaySteps.every((d) => d === maxDelay)) return { slots: 0, chunks: 0 };
  let slots = 2;
  while (slots <= maxDelay) slots *= 2;
  const nE = excitatoryCount(config);
  let pending = 0;
  for (const [from, to, gap] of [[0, nE, spikeSpacingSteps(config.exc, config.dtMs)], [nE, config.neurons, spikeSpacingSteps(config.inh, config.dtMs)]]) {
    for (let e = rowStart[from]; e < rowStart[to]; e++) {
      if (targets[e] >= lo && targets[e] < hi) pending += Math.ceil(delaySteps[e] / gap);
    }
  }
  const chunks = Math.ceil(pending / CHUNK_EVENTS) + 2 * slots;
  if (delivery === 'auto' && chunks * CHUNK_BYTES > EVENT_POOL_MAX_BYTES) return { slots: 0, chunks: 0 };
  return { slots, chunks };
}

/** A network's bytes by what they scale with (Network.bytesByPart). */
export interface BytesByPart {
  neurons: number;
  synapses: number;
  delivery: number;
  tables: number;
}

/**
 * Bytes by what they scale with: per-neuron state (and the sheet's layout), synapses (CSR, and the
 * fast kernel's packed rows), delivery (the reference's ring, the FIFO, or the event pool reserved
 * for the worst case — untouched pages cost no memory) and fixed tables (the block's, and the
 * float64 B(V) table outside it).
 */
export function bytesByPart(plan: MemoryPlan, connectivity: Connectivity, sites: Layout, ringBytes: number, mgTableBytes: number): BytesByPart {
  const L = plan.layout;
  const { rowStart, targets, delaySteps } = connectivity;
  // parts of the state block (L.bytes) that do not scale with the neurons
  let tablesInBlock = 8 * L.mgTableLength + 8 * L.cdfNeuronLength;
  let rowsInBlock = 0;
  let deliveryInBlock = 0;
  for (const S of L.slices) {
    tablesInBlock += 8 * L.cdfTotalCapacity + 4 * L.guideCapacity + 8 * PARAM_SLOTS;
    if (plan.kernel === 'wasm') rowsInBlock += 4 * S.synapseCount + rowStart.byteLength;
    // a chunk is its events and its next-chunk word
    deliveryInBlock += FIFO_STRIDE_BYTES * S.fifoCapacity + SLOT_META_BYTES * S.eventSlots + (4 + CHUNK_BYTES) * S.chunks;
  }
  return {
    neurons: L.bytes - tablesInBlock - rowsInBlock - deliveryInBlock + sites.siteOfNeuron.byteLength + sites.neuronAtSite.byteLength,
    synapses: rowStart.byteLength + targets.byteLength + delaySteps.byteLength + rowsInBlock,
    delivery: deliveryInBlock + ringBytes,
    tables: tablesInBlock + mgTableBytes,
  };
}

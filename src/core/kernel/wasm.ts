/**
 * Loads the fast step kernel (assembly/kernel.ts, WebAssembly with SIMD) and binds one instance to
 * one network's memory. The module is compiled once per thread, synchronously (6 KB: allowed even on
 * a page's main thread), and shared by every network built afterwards; each network gets its own
 * instance and memory, so a rebuild runs the same optimised machine code as the first build (no JIT
 * feedback to go stale: shared/PERFORMANCE.md, "polymorphism after a rebuild").
 *
 * Where WebAssembly or its SIMD is missing, wasmKernelAvailable() is false and the network steps
 * with the reference kernel — slower, float64, statistically the same network (not the same
 * spikes bit for bit).
 */
import type { StateLayout } from './layout';
import { KERNEL_WASM_BASE64 } from './wasmBytes';

declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (module: unknown, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
  validate(bytes: Uint8Array): boolean;
};
declare function atob(data: string): string;

export type WasmMemory = { buffer: ArrayBuffer };

interface KernelExports {
  init(...args: number[]): void;
  initEvents(slotMeta: number, chunkNext: number, pool: number, slots: number, chunks: number): void;
  step(now: number): number;
  waitingSpikes(): number;
  queuedEvents(): number;
}

const PAGE_BYTES = 65536;
/** The kernel keeps no static data; the network's arrays start after the first page all the same. */
export const WASM_STATE_BASE = PAGE_BYTES;

let compiled: unknown = null;
let available: boolean | null = null;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
  return bytes;
}

/** True where WebAssembly with SIMD can run the kernel (every current browser and Node ≥ 16.4). */
export function wasmKernelAvailable(): boolean {
  if (available === null) {
    try {
      const bytes = decode(KERNEL_WASM_BASE64);
      available = typeof WebAssembly === 'object' && WebAssembly.validate(bytes);
      if (available) compiled = new WebAssembly.Module(bytes);
    } catch {
      available = false;
    }
  }
  return available;
}

/** A memory large enough for the network laid out from WASM_STATE_BASE. */
export function createWasmMemory(layoutBytes: number): WasmMemory {
  const pages = Math.ceil((WASM_STATE_BASE + layoutBytes) / PAGE_BYTES);
  return new WebAssembly.Memory({ initial: pages, maximum: pages });
}

export class WasmKernel {
  readonly kind = 'wasm' as const;
  private readonly exports: KernelExports;

  constructor(memory: WasmMemory, layout: StateLayout, neurons: number, excitatory: number) {
    if (!wasmKernelAvailable()) throw new Error('WebAssembly SIMD is not available here');
    const instance = new WebAssembly.Instance(compiled, { env: { memory, exp: Math.exp } });
    this.exports = instance.exports as unknown as KernelExports;
    const L = layout;
    this.exports.init(
      neurons, excitatory,
      L.vMV, L.gAmpaNS, L.gGabaNS, L.sNmda, L.adaptPA, L.refractoryLeftSteps, L.vThreshMV, L.sNmdaPre, L.lastSpikeStep,
      L.spikedIds, L.arrivalsAmpa, L.arrivalsNmda, L.arrivalsGaba, L.driveCount,
      L.rowStart, L.synapses, L.fifo, L.fifoCapacity,
      L.mgTable, L.cdfNeuron, L.cdfTotal, L.guide, L.rng, L.params,
    );
    if (L.chunks > 0) this.exports.initEvents(L.slotMeta, L.chunkNext, L.pool, L.eventSlots, L.chunks);
    this.delivery = L.chunks > 0 ? 'events' : 'fifo';
  }

  /** How spikes reach their targets: per-slot event lists, or the FIFO of waiting spikes. */
  readonly delivery: 'events' | 'fifo';

  /** Synaptic events queued for later steps (event mode). */
  get queuedEvents(): number {
    return this.exports.queuedEvents();
  }

  /** One whole step n; returns the spike count (ids in the network's spikedIds). */
  step(now: number): number {
    return this.exports.step(now);
  }

  /** Spikes still handing out synapses (the delivery FIFO's fill). */
  get waitingSpikes(): number {
    return this.exports.waitingSpikes();
  }
}

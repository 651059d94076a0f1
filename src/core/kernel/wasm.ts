/**
 * Loads the fast step kernel (assembly/kernel.ts, WebAssembly with SIMD) and binds one instance to
 * one network's memory. The module is compiled once per thread, synchronously (6 KB: allowed even on
 * a page's main thread), and shared by every network built afterwards; each network gets its own
 * instance and memory, so a rebuild runs the same optimised machine code as the first build (no JIT
 * feedback to go stale: docs/ARCHITECTURE.md, "Performance notes"). Where
 * SharedArrayBuffer exists the memory is shared and a second build of the same code imports it, so
 * that a helper thread (sliceThreads.ts) can step one of the network's two slices.
 *
 * Where WebAssembly or its SIMD is missing, wasmKernelAvailable() is false and the network steps
 * with the reference kernel — slower, float64, statistically the same network (not the same
 * spikes bit for bit).
 */
import type { StateLayout } from './layout';
import { SLICE, sliceDescriptor } from './layout';
import { KERNEL_WASM_BASE64, KERNEL_WASM_SHARED_BASE64 } from './wasmBytes';

declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (module: unknown, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => { buffer: ArrayBuffer };
  validate(bytes: Uint8Array): boolean;
};
declare function atob(data: string): string;
declare const crossOriginIsolated: boolean | undefined;

/** A WebAssembly.Memory: its buffer is a SharedArrayBuffer when the memory is shared. */
export type WasmMemory = { buffer: ArrayBufferLike };

/** The kernel's exports (assembly/kernel.ts). */
export interface KernelExports {
  initSlice(descriptor: number, chunks: number): void;
  advance(descriptor: number, now: number): number;
  propagate(descriptor: number, source: number, now: number): void;
}

const PAGE_BYTES = 65536;
/** The kernel keeps no static data; the network's arrays start after the first page all the same. */
export const WASM_STATE_BASE = PAGE_BYTES;

let compiled: unknown = null;
let compiledShared: unknown = null;
let available: boolean | null = null;
let sharedAvailable: boolean | null = null;

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

/**
 * True where the kernel can run on a shared memory, so that a second thread can step half of the
 * network: SharedArrayBuffer exists (Node; a cross-origin-isolated page or worker) and the engine
 * has WebAssembly threads.
 */
export function sharedKernelAvailable(): boolean {
  if (sharedAvailable === null) {
    sharedAvailable = false;
    try {
      const isolated = typeof crossOriginIsolated === 'undefined' || crossOriginIsolated;
      if (wasmKernelAvailable() && isolated && typeof SharedArrayBuffer === 'function') {
        const bytes = decode(KERNEL_WASM_SHARED_BASE64);
        if (WebAssembly.validate(bytes)) {
          compiledShared = new WebAssembly.Module(bytes);
          sharedAvailable = true;
        }
      }
    } catch {
      sharedAvailable = false;
    }
  }
  return sharedAvailable;
}

/** The compiled module for a shared memory (posted to a helper thread, which instantiates it there). */
export function sharedKernelModule(): unknown {
  return sharedKernelAvailable() ? compiledShared : null;
}

/** A memory large enough for the network laid out from WASM_STATE_BASE; shared when asked and possible. */
export function createWasmMemory(layoutBytes: number, shared: boolean): WasmMemory {
  const pages = Math.ceil((WASM_STATE_BASE + layoutBytes) / PAGE_BYTES);
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
}

/** An instance of the kernel on this thread, bound to a memory (shared or not, with the matching module). */
export function instantiateKernel(memory: WasmMemory, module: unknown): KernelExports {
  const instance = new WebAssembly.Instance(module, { env: { memory, exp: Math.exp } });
  return instance.exports as unknown as KernelExports;
}

/**
 * The fast kernel for one network: one instance on this thread that can step every slice; a helper
 * thread may step some slices with its own instance on the same (shared) memory. Steps are numbered
 * as in the step schedule of reference.ts.
 */
export class WasmKernel {
  private readonly exports: KernelExports;
  readonly memory: WasmMemory;
  readonly shared: boolean;
  /** Byte offsets of the slice descriptors. */
  readonly descriptors: number[];
  private readonly words: Uint32Array;

  constructor(memory: WasmMemory, shared: boolean, layout: StateLayout, neurons: number, excitatory: number) {
    if (!wasmKernelAvailable()) throw new Error('WebAssembly SIMD is not available here');
    if (shared && !sharedKernelAvailable()) throw new Error('WebAssembly threads are not available here');
    this.memory = memory;
    this.shared = shared;
    this.exports = instantiateKernel(memory, shared ? compiledShared : compiled);
    this.words = new Uint32Array(memory.buffer);
    this.descriptors = layout.slices.map((S, s) => {
      this.words.set(sliceDescriptor(layout, s, neurons, excitatory), S.descriptor >>> 2);
      this.exports.initSlice(S.descriptor, S.chunks);
      return S.descriptor;
    });
    this.delivery = layout.slices[0].chunks > 0 ? 'events' : 'fifo';
  }

  /** How spikes reach their targets: per-slot event lists, or the FIFO of waiting spikes. */
  readonly delivery: 'events' | 'fifo';

  /** Slice s's spike count of the last step of this parity. */
  spikedCountOf(s: number, parity: number): number {
    return this.words[(this.descriptors[s] >>> 2) + SLICE.spikedCount + parity];
  }

  /** Steps 1–5 (and the new spikes' NMDA gating) of step n for slice s; returns its spike count. */
  advance(s: number, now: number): number {
    return this.exports.advance(this.descriptors[s], now);
  }

  /** Step 6 for slice s: every slice's spikes of step n queued onto slice s's neurons. */
  propagateAll(s: number, now: number): void {
    const d = this.descriptors[s];
    for (const source of this.descriptors) this.exports.propagate(d, source, now);
  }
}

/**
 * Steps a network's slices with the fast kernel: on this thread alone, or with a helper thread
 * stepping slice 1 (the lead's side of sliceThreads.ts). Network owns the state and the clock and
 * calls step(n); this class owns the order of the kernel's calls, the merge of the slices' spikes
 * into the network's spike list, and the batches a helper takes part in.
 *
 * One step n on one thread: advance every slice (steps 1–5 of the step schedule in reference.ts),
 * merge their spikes (slice 0's ids are all below slice 1's, so the merged list is in id order),
 * propagate onto every slice (step 6). With a helper, this
 * thread defers its propagate(n) to the start of step n + 1 and the helper waits for it, so that
 * between two steps (while the caller records spikes or reads probes) nothing moves.
 */
import type { StateLayout } from './layout';
import { CONTROL_BYTES } from './layout';
import type { SliceHelperPort } from './sliceThreads';
import { CONTROL, publish, requestRun, requestStop, resetControl, setAttached, ThreadChoice, waitAtLeast } from './sliceThreads';
import { sharedKernelModule } from './wasm';
import type { WasmKernel } from './wasm';

/** Batches shorter than this are stepped on one thread (waking the helper costs more). */
export const MIN_THREADED_STEPS = 16;

/** Attach generations, unique across networks (a helper thread outlives the networks it steps). */
let attachGeneration = 0;
/** The stepper each helper is parked on: attaching another first sends it away from that one. */
const attachedTo = new WeakMap<SliceHelperPort, SliceStepper>();

export class SliceStepper {
  private readonly kernel: WasmKernel;
  private readonly layout: StateLayout;
  /** the whole memory as 32-bit words (merging the slices' spike lists without allocating) */
  private readonly words: Uint32Array;
  /** the threads' meeting words */
  private readonly control: Int32Array;
  private helper: { port: SliceHelperPort; generation: number; choice: ThreadChoice | null } | null = null;
  private batch = 0;
  /** first step of the batch the helper is running, or −1 */
  private threadedFrom = -1;
  /** the running batch: its start (ms), first step and whether it runs on two threads */
  private batchStartMs = -1;
  private batchFrom = 0;
  private batchThreaded = false;
  /** a step whose propagation is still to do here (the helper left mid-batch), or −1 */
  private pendingPropagate = -1;
  /** steps the helper took part in */
  threadedSteps = 0;

  constructor(kernel: WasmKernel, layout: StateLayout) {
    this.kernel = kernel;
    this.layout = layout;
    const buffer = kernel.memory.buffer;
    this.words = new Uint32Array(buffer);
    this.control = new Int32Array(buffer, layout.control, CONTROL_BYTES / 4);
    resetControl(this.control);
  }

  /** True when a helper can step half of this network (its memory is shared). */
  get canShare(): boolean {
    return this.kernel.shared;
  }

  /**
   * Hands slice 1 to a helper from the next batch on, once it has answered ('adaptive': batches
   * run on two threads while that is faster; 'always': every batch). False where the memory is not
   * shared.
   */
  attachHelper(port: SliceHelperPort, policy: 'adaptive' | 'always'): boolean {
    if (!this.kernel.shared || this.threadedFrom >= 0) return false;
    const generation = ++attachGeneration;
    const previous = attachedTo.get(port);
    if (previous && previous !== this) previous.detachHelper();
    attachedTo.set(port, this);
    setAttached(this.control, generation);
    port.postMessage({
      kind: 'attach',
      generation,
      memory: this.kernel.memory,
      module: sharedKernelModule(),
      control: this.layout.control,
      descriptors: this.kernel.descriptors,
      slice: 1,
    });
    this.helper = { port, generation, choice: policy === 'adaptive' ? new ThreadChoice() : null };
    return true;
  }

  /** Stops using the helper and sends it back to its event loop (free for another network). */
  detachHelper(): void {
    if (this.threadedFrom >= 0 || !this.helper) return;
    setAttached(this.control, -1);
    if (attachedTo.get(this.helper.port) === this) attachedTo.delete(this.helper.port);
    this.helper = null;
  }

  /** True once an attached helper has answered. */
  get helperReady(): boolean {
    return this.helper !== null && Atomics.load(this.control, CONTROL.ready) === this.helper.generation;
  }

  /** Starts a batch of `steps` steps from step `now`: with a ready helper (and its choice), on two threads. */
  beginBatch(steps: number, now: number): void {
    if (steps < MIN_THREADED_STEPS || this.threadedFrom >= 0 || !this.helperReady) return;
    const choice = this.helper!.choice;
    this.batchStartMs = performance.now();
    this.batchFrom = now;
    this.batchThreaded = choice ? choice.twoThreads() : true;
    if (!this.batchThreaded) return;
    this.batch++;
    this.threadedFrom = now;
    requestRun(this.control, this.batch, now);
  }

  /** Ends the batch at step `now` (the next step to take): the helper stops, this thread finishes the last propagation. */
  endBatch(now: number): void {
    if (this.threadedFrom >= 0) this.leaveThreads(now);
    this.finishPropagation();
    if (this.batchStartMs >= 0) {
      // what this batch cost, for the choice of the next one
      if (now > this.batchFrom) this.helper?.choice?.record(this.batchThreaded, performance.now() - this.batchStartMs, now - this.batchFrom);
      this.batchStartMs = -1;
    }
  }

  /** Step n; returns the spike count (ids merged into the network's spike list). Allocates nothing. */
  step(now: number): number {
    const kernel = this.kernel;
    const L = this.layout.slices;
    const parity = now & 1;
    const merged = this.layout.spikedIds >>> 2;
    if (this.threadedFrom >= 0) {
      // slice 0 here, slice 1 on the helper; this thread's propagation of step n − 1 was deferred
      // to now so that the helper stood still while the caller read step n − 1's state
      if (now > this.threadedFrom) {
        publish(this.control, CONTROL.go, now - 1, CONTROL.helperSleeping);
        kernel.propagateAll(0, now - 1);
      }
      const count0 = kernel.advance(0, now);
      // (the first step of a batch waits for the helper to wake up: that is not a stall)
      const stalled = waitAtLeast(this.control, CONTROL.arrived, now, CONTROL.leadSleeping) && now > this.threadedFrom;
      const count1 = kernel.spikedCountOf(1, parity);
      this.words.copyWithin(merged, L[0].spiked[parity] >>> 2, (L[0].spiked[parity] >>> 2) + count0);
      this.words.copyWithin(merged + count0, L[1].spiked[parity] >>> 2, (L[1].spiked[parity] >>> 2) + count1);
      // the helper took far longer than a step (its core is busy elsewhere): this thread steps
      // both slices for the rest of the batch rather than wait for it at every step
      if (stalled) this.leaveThreads(now + 1);
      return count0 + count1;
    }
    this.finishPropagation();
    let count = 0;
    for (let s = 0; s < L.length; s++) {
      const spiked = kernel.advance(s, now);
      const from = L[s].spiked[parity] >>> 2;
      this.words.copyWithin(merged + count, from, from + spiked);
      count += spiked;
    }
    for (let s = 0; s < L.length; s++) kernel.propagateAll(s, now);
    return count;
  }

  /**
   * Stops the helper after the step it has just advanced (`now` is the next step to take); the
   * propagation of that step is left to this thread (finishPropagation).
   */
  private leaveThreads(now: number): void {
    const from = this.threadedFrom;
    this.threadedFrom = -1;
    this.threadedSteps += now - from;
    requestStop(this.control, this.batch);
    waitAtLeast(this.control, CONTROL.stopped, this.batch, CONTROL.leadSleeping);
    if (now > from) this.pendingPropagate = now - 1;
  }

  /** Step 6 of a step whose propagation was deferred, onto every slice. */
  private finishPropagation(): void {
    if (this.pendingPropagate < 0) return;
    for (let s = 0; s < this.layout.slices.length; s++) this.kernel.propagateAll(s, this.pendingPropagate);
    this.pendingPropagate = -1;
  }
}

/**
 * Two threads stepping one network: this thread (the lead) steps slice 0 and a helper thread steps
 * slice 1, with their own instances of the fast kernel on one shared WebAssembly memory. The core
 * never creates a thread: the host (the page's simulation worker, the Node runner) starts a helper
 * that feeds its messages to createSliceHelper(), and hands the lead a port to it
 * (Network.attachHelper). The lead's side of the steps is SliceStepper (sliceStepper.ts).
 *
 * One step n, on each thread for its own slice s (assembly/kernel.ts; the numbered steps are those
 * of the step schedule in reference.ts):
 *   advance(s, n)            steps 1–5: arrivals, drive, update; the spikes and their NMDA jumps into s's lists
 *   — meet —                 both slices' spikes of step n are known
 *   propagate(s, n)          step 6: every slice's spikes of n queued onto s's neurons
 * Nothing else is shared: each slice's accumulators, event lists or FIFO, drive stream and rows
 * are its own, so the two threads never write the same word, and the spikes are the same bit for
 * bit as one thread stepping both slices in turn (tests/unit/core/threads.test.ts).
 *
 * The lead defers its propagate(n) to the start of step n + 1 and keeps the helper waiting until
 * then, so that between two steps (while the caller records spikes or reads probes) the helper is
 * idle and the whole state is that of step n. The threads meet through two counters in the shared
 * memory: ARRIVED (the helper finished advance(n)) and GO (the helper may propagate n and advance
 * n + 1). A waiting thread spins briefly — a step takes tens of microseconds — and then sleeps in
 * Atomics.wait; the other side wakes it only when it sleeps.
 *
 * A batch (Network.beginBatch/endBatch, one Simulation.advance call) wakes the parked helper and
 * stops it through the memory. If the helper never answers an attach (a thread that failed to
 * start), the lead steps both slices itself; if it falls behind by far more than a step (its core
 * is busy elsewhere) the lead takes its slice back for the rest of the batch, and ThreadChoice
 * keeps later batches on one thread while two are slower.
 */
import { CONTROL_BYTES } from './layout';
import type { WasmMemory } from './wasm';
import { instantiateKernel } from './wasm';
import type { KernelExports } from './wasm';

/** Int32 words of the control block (layout.control). */
export const CONTROL = {
  /** attach generation the helper has instantiated (it answers an attach by storing it) */
  ready: 0,
  /** last step whose advance the helper finished */
  arrived: 1,
  /** last step whose propagate the helper may do (then it advances the next one) */
  go: 2,
  /** batch number the lead asks to stop; the helper answers in `stopped` */
  stop: 3,
  stopped: 4,
  /** 1 while that thread sleeps in Atomics.wait (so the other one notifies) */
  leadSleeping: 5,
  helperSleeping: 6,
  /** the batch the lead asks the parked helper to run, and its first step */
  run: 7,
  from: 8,
  /** the attach generation the helper should serve; anything else sends it back to its event loop */
  attached: 9,
} as const;

/** The messages a helper's host passes to createSliceHelper().handle. */
export interface SliceHelperMessage {
  kind: 'attach';
  generation: number;
  memory: WasmMemory;
  module: unknown;
  control: number;
  /** descriptors of all slices (propagate reads every slice's spikes) and the one this helper steps */
  descriptors: number[];
  slice: number;
}

/** Where the lead posts messages to its helper (a Worker, a worker_threads Worker, a MessagePort). */
export interface SliceHelperPort {
  postMessage(message: SliceHelperMessage): void;
}

/**
 * Polls before sleeping: about half a millisecond. A step of a 10k network takes 30–100 µs and
 * the slices' shares differ by a few tens of µs in a burst; waking a sleeping thread costs 50 µs
 * or more, once per step, which cost more than the second thread gained when the polls were 20× fewer.
 */
const SPINS = 400_000;
/** How long a thread waits for the other before it reports the helper as stuck. */
export const STALL_TIMEOUT_MS = 10_000;

/**
 * Waits until control[word] ≥ target: polls, then sleeps. Returns true if it had to sleep (the
 * other thread took far longer than a step: it is probably not running). Throws after
 * STALL_TIMEOUT_MS.
 */
export function waitAtLeast(control: Int32Array, word: number, target: number, sleepingWord: number): boolean {
  for (let spin = 0; spin < SPINS; spin++) if (Atomics.load(control, word) >= target) return false;
  const deadline = performance.now() + STALL_TIMEOUT_MS;
  Atomics.store(control, sleepingWord, 1);
  try {
    for (;;) {
      const seen = Atomics.load(control, word);
      if (seen >= target) return true;
      Atomics.wait(control, word, seen, 20);
      if (performance.now() > deadline) throw new Error('the helper thread stopped answering (waited 10 s)');
    }
  } finally {
    Atomics.store(control, sleepingWord, 0);
  }
}

/**
 * Whether the next batch should run on two threads, from what the last ones cost. Two threads
 * need two free cores: on a machine whose cores are busy (other programs, a software-rendered
 * page) the threads wait for each other at every step and the network runs several times slower
 * than on one thread. So the lead keeps a running average of the wall time per step on one thread
 * and on two, runs on the cheaper, and now and then tries the other again (rarely when it was
 * much worse). The spikes are the same whichever it picks.
 */
/** Batches, and wall time, a network steps on one thread before two are tried. */
export const WARMUP_BATCHES = 4;
export const WARMUP_MS = 300;

export class ThreadChoice {
  /** running averages of ms per step: [one thread, two threads] (NaN until measured) */
  readonly msPerStep = [Number.NaN, Number.NaN];
  private batches = 0;
  private readonly now: () => number;
  private readonly createdMs: number;

  /** `now`: the clock (ms), replaceable in tests. */
  constructor(now: () => number = () => performance.now()) {
    this.now = now;
    this.createdMs = now();
  }

  /** True: run the next batch on two threads. */
  twoThreads(): boolean {
    const [one, two] = this.msPerStep;
    this.batches++;
    // the first batches on one thread: the engine's optimising compiler then has the cores to
    // itself (two threads waiting on each other while it runs made the first steps 100× slower)
    if (this.batches <= WARMUP_BATCHES || this.now() - this.createdMs < WARMUP_MS) return false;
    if (Number.isNaN(two)) return true;
    const better = two <= one;
    const ratio = better ? one / two : two / one;
    const retryEvery = ratio < 1.5 ? 8 : 64;
    return this.batches % retryEvery === 0 ? !better : better;
  }

  record(twoThreads: boolean, ms: number, steps: number): void {
    const k = twoThreads ? 1 : 0;
    const x = ms / steps;
    const old = this.msPerStep[k];
    this.msPerStep[k] = Number.isNaN(old) ? x : old + 0.3 * (x - old);
  }
}

/** Asks the helper to end batch `batch` after its current step (it answers in `stopped`). */
export function requestStop(control: Int32Array, batch: number): void {
  Atomics.store(control, CONTROL.stop, batch);
  Atomics.notify(control, CONTROL.go); // the helper sleeps on GO
}

/** A fresh control block: nothing attached, nothing arrived. */
export function resetControl(control: Int32Array): void {
  control.fill(0);
  control[CONTROL.ready] = -1;
  control[CONTROL.arrived] = -1;
  control[CONTROL.go] = -1;
  control[CONTROL.attached] = -1;
}

/** Stores value in control[word] and wakes the other thread if it sleeps. */
export function publish(control: Int32Array, word: number, value: number, otherSleepingWord: number): void {
  Atomics.store(control, word, value);
  if (Atomics.load(control, otherSleepingWord) !== 0) Atomics.notify(control, word);
}

/**
 * The helper's side. On attach it instantiates the kernel on the network's memory, answers in
 * `ready` and parks: it sleeps in Atomics.wait until the lead asks for a batch (`run`), steps it,
 * and parks again, so starting a batch costs a store and a wake-up rather than a message. It
 * returns to its event loop (to take the next attach) when `attached` no longer names its
 * generation.
 */
export function createSliceHelper(): { handle(message: SliceHelperMessage): void } {
  let kernel: KernelExports | null = null;
  let control: Int32Array | null = null;
  let descriptors: number[] = [];
  let own = 0;
  let generation = -1;

  function run(batch: number, from: number): void {
    const k = kernel!;
    const c = control!;
    let n = from;
    k.advance(own, n);
    publish(c, CONTROL.arrived, n, CONTROL.leadSleeping);
    for (;;) {
      // wait for GO ≥ n, or for this batch's stop
      let spin = 0;
      while (Atomics.load(c, CONTROL.go) < n && Atomics.load(c, CONTROL.stop) !== batch) {
        if (++spin < SPINS) continue;
        Atomics.store(c, CONTROL.helperSleeping, 1);
        const seen = Atomics.load(c, CONTROL.go);
        if (seen < n && Atomics.load(c, CONTROL.stop) !== batch) Atomics.wait(c, CONTROL.go, seen, 20);
        Atomics.store(c, CONTROL.helperSleeping, 0);
      }
      if (Atomics.load(c, CONTROL.go) < n) break; // stopped: the lead propagates step n itself
      for (const source of descriptors) k.propagate(own, source, n);
      n++;
      k.advance(own, n);
      publish(c, CONTROL.arrived, n, CONTROL.leadSleeping);
    }
    publish(c, CONTROL.stopped, batch, CONTROL.leadSleeping);
  }

  function park(): void {
    const c = control!;
    let done = Atomics.load(c, CONTROL.run);
    for (;;) {
      if (Atomics.load(c, CONTROL.attached) !== generation) return;
      const wanted = Atomics.load(c, CONTROL.run);
      if (wanted !== done) {
        done = wanted;
        run(wanted, Atomics.load(c, CONTROL.from));
        continue;
      }
      Atomics.store(c, CONTROL.helperSleeping, 1);
      if (Atomics.load(c, CONTROL.run) === done && Atomics.load(c, CONTROL.attached) === generation) Atomics.wait(c, CONTROL.run, done, 50);
      Atomics.store(c, CONTROL.helperSleeping, 0);
    }
  }

  return {
    handle(message: SliceHelperMessage): void {
      kernel = instantiateKernel(message.memory, message.module);
      control = new Int32Array(message.memory.buffer, message.control, CONTROL_BYTES / 4);
      descriptors = message.descriptors;
      own = message.descriptors[message.slice];
      generation = message.generation;
      Atomics.store(control, CONTROL.ready, generation);
      park();
      kernel = null;
      control = null;
    },
  };
}

/** Asks the parked helper to run batch `batch` from step `from`. */
export function requestRun(control: Int32Array, batch: number, from: number): void {
  Atomics.store(control, CONTROL.from, from);
  Atomics.store(control, CONTROL.run, batch);
  Atomics.notify(control, CONTROL.run);
}

/**
 * Names the attach generation the helper should serve on this control block (−1: none); a helper
 * parked here for another generation goes back to its event loop.
 */
export function setAttached(control: Int32Array, generation: number): void {
  Atomics.store(control, CONTROL.attached, generation);
  Atomics.notify(control, CONTROL.run);
}

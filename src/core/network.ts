/**
 * A network: builds its connectivity, plans its memory (src/core/memoryPlan.ts), views its state
 * there (src/core/networkState.ts), derives the kernels' constants (src/core/liveConstants.ts) and
 * steps the state with one of two kernels. What one step does, in order: the step schedule in
 * src/core/kernel/reference.ts.
 *
 * Two kernels step this state (tests/unit/core/kernel.test.ts holds them together):
 *  - 'reference' (src/core/kernel/reference.ts): plain TypeScript, float64, the readable statement
 *    of the step, delivering through a ring of (arrival step × target) slots;
 *  - 'wasm' (assembly/kernel.ts → src/core/kernel/wasm.ts): WebAssembly SIMD in float32, four
 *    neurons per vector, delivering from per-step event lists (or a FIFO of waiting spikes) into
 *    per-target accumulators; the default wherever WebAssembly SIMD runs. Same schedule, formulas
 *    and random draws as the reference: bit-for-bit reproducible on every run and engine, within
 *    ~1e-5 mV of the reference per step, statistically equal over long runs.
 * The state arrays are views on one block of memory (src/core/kernel/layout.ts): the WebAssembly
 * memory for 'wasm' (Float32Array views), so the kernel works on Network.vMV and friends in place.
 */
import type { Connectivity, Layout } from './connectivity';
import { buildRandom, buildSheet, randomLayout } from './connectivity';
import { applyLive, LiveConstants } from './liveConstants';
import type { BytesByPart, DeliveryChoice, KernelKind, MemoryPlan } from './memoryPlan';
import { bytesByPart, planMemory } from './memoryPlan';
import type { NetworkState, SliceDrive, StateArray } from './networkState';
import { initialiseState, STREAM_CONNECTIVITY, STREAM_IONS, viewState } from './networkState';
import type { LiveParams, NetworkConfig } from './params';
import { excitatoryCount } from './params';
import { Rng } from './rng';
import type { BlockTable } from './kernel/blockTable';
import { writeBlockPairs, writeParamBlock } from './kernel/paramBlock';
import { ReferenceKernel } from './kernel/reference';
import { packRows } from './kernel/rowPacking';
import type { WasmMemory } from './kernel/wasm';
import { createWasmMemory, sharedKernelAvailable, WasmKernel } from './kernel/wasm';
import { SliceStepper } from './kernel/sliceStepper';
import type { SliceHelperPort } from './kernel/sliceThreads';
import { IonCoupling } from './ions/ionCoupling';
import type { IonField } from './ions/ionField';
import type { IonParams } from './ions/ionParams';
import { ionParams } from './ions/ionParams';

// the types of Network's public members, and the kernel choice, importable from here as before
export type { BytesByPart, KernelKind } from './memoryPlan';
export { defaultKernel } from './memoryPlan';
export type { SliceDrive, StateArray } from './networkState';

export interface NetworkOptions {
  /** 'auto' (default): 'wasm' where WebAssembly SIMD runs, else 'reference' (statistically the same). */
  kernel?: KernelKind | 'auto';
  /**
   * Whether the fast kernel's memory is shared, so that a helper thread can step one slice
   * (attachHelper). 'auto' (default): shared where SharedArrayBuffer and WebAssembly threads exist.
   * The spikes are the same either way.
   */
  sharedMemory?: boolean | 'auto';
  /**
   * How the fast kernel delivers spikes (same spikes either way): 'events' queues each synapse in
   * the list of its arrival step; 'fifo' keeps waiting spikes with a cursor into their rows and needs
   * less memory. 'auto' (default): 'fifo' when every synapse has the same delay (a waiting spike
   * then delivers its whole row at once) or when the event pool would pass EVENT_POOL_MAX_BYTES
   * (src/core/memoryPlan.ts), else 'events'.
   */
  delivery?: DeliveryChoice;
  /** The ion model's tunables (src/core/ions/ionParams.ts), overriding DEFAULT_ION_PARAMS; validated. */
  ions?: Partial<IonParams>;
}

export class Network {
  readonly config: NetworkConfig;
  readonly neurons: number;
  readonly excitatory: number;
  readonly connectivity: Connectivity;
  readonly layout: Layout;
  readonly kernelKind: KernelKind;

  // ---- per-neuron state (structure of arrays; see NetworkState for each) ----
  readonly vMV: StateArray;
  readonly gAmpaNS: StateArray;
  readonly gGabaNS: StateArray;
  readonly sNmda: StateArray;
  readonly adaptPA: StateArray;
  readonly refractoryLeftSteps: Int32Array;
  readonly vThreshMV: StateArray;
  readonly sNmdaPre: Float64Array;
  readonly lastSpikeStep: Float64Array;
  readonly driveCount: Int32Array;

  // ---- this step's spikes ----
  readonly spikedIds: Uint32Array;
  spikedCount = 0;

  /** The slices' drive streams and tables; the RNGs' words are part of the state. */
  readonly slices: readonly SliceDrive[];
  stepIndex = 0;

  readonly live: LiveParams;

  private readonly plan: MemoryPlan;
  private readonly state: NetworkState;
  /** everything derived from the config and the live parameters that the kernels read */
  /** The constants the kernels step with, derived from the config and the live parameters (read-only outside). */
  readonly constants: Readonly<LiveConstants>;
  /** the fast kernel's slices, stepped here or with a helper thread (null: the reference kernel) */
  private readonly slicer: SliceStepper | null = null;
  private readonly kernel: ReferenceKernel | WasmKernel;
  private readonly ionCoupling: IonCoupling;

  /** Builds connectivity and initial state from a validated config. */
  constructor(config: NetworkConfig, options: NetworkOptions = {}) {
    this.config = config;
    const n = (this.neurons = config.neurons);
    const nE = (this.excitatory = excitatoryCount(config));
    const buildRng = Rng.fromSeed(config.seed, STREAM_CONNECTIVITY);
    if (config.topology.kind === 'sheet') {
      const built = buildSheet(n, nE, config.topology, config.dtMs, buildRng);
      this.connectivity = built.connectivity;
      this.layout = built.layout;
    } else {
      this.connectivity = buildRandom(n, config.topology, config.dtMs, buildRng);
      this.layout = randomLayout(n, buildRng);
    }

    const plan = (this.plan = planMemory(config, this.connectivity, options.kernel ?? 'auto', options.delivery ?? 'auto'));
    const layout = plan.layout;
    this.kernelKind = plan.kernel;
    const fast = plan.kernel === 'wasm';
    const sharedRequest = options.sharedMemory ?? 'auto';
    const shared = fast && (sharedRequest === 'auto' ? sharedKernelAvailable() : sharedRequest);
    const memory: WasmMemory = fast ? createWasmMemory(layout.bytes, shared) : { buffer: new ArrayBuffer(layout.bytes) };
    const buffer = memory.buffer as ArrayBuffer;
    const state = (this.state = viewState(buffer, layout, n, nE, fast, config.seed));
    this.vMV = state.vMV;
    this.gAmpaNS = state.gAmpaNS;
    this.gGabaNS = state.gGabaNS;
    this.sNmda = state.sNmda;
    this.adaptPA = state.adaptPA;
    this.refractoryLeftSteps = state.refractoryLeftSteps;
    this.vThreshMV = state.vThreshMV;
    this.sNmdaPre = state.sNmdaPre;
    this.lastSpikeStep = state.lastSpikeStep;
    this.driveCount = state.driveCount;
    this.spikedIds = state.spikedIds;
    this.slices = state.slices;
    initialiseState(state, config);

    this.live = { ...config.live };
    const ionTunables = ionParams(options.ions);
    const ionRng = ionTunables.patchHeterogeneity > 0 ? Rng.fromSeed(config.seed, STREAM_IONS) : undefined;
    this.ionCoupling = new IonCoupling(config, this.layout, state, ionTunables, ionRng);
    this.constants = new LiveConstants(config, state.cdfNeuron, ionTunables.adaptReferenceMV);
    if (fast) {
      for (const S of layout.slices) {
        packRows(this.connectivity, S.lo, S.hi, new Uint32Array(buffer, S.rowStart, n + 1), new Uint32Array(buffer, S.synapses, S.synapseCount));
      }
      this.kernel = new WasmKernel(memory, shared, layout, n, nE);
      this.slicer = new SliceStepper(this.kernel, layout);
    } else {
      this.kernel = new ReferenceKernel(state, this.connectivity, this.constants);
    }
    this.applyLive();
  }

  /** Merges already-validated live parameters and recomputes everything derived from them. */
  setLive(update: Partial<LiveParams>): void {
    Object.assign(this.live, update);
    this.applyLive();
  }

  private applyLive(): void {
    const { state, constants } = this;
    // first the ions: switching them on or off converts the adaptation state the param block reads
    this.ionCoupling.applyLive(this.live);
    applyLive(constants, this.config, this.live, state.slices);
    if (state.mgPairs) writeBlockPairs(state.mgPairs, constants.mgTable);
    for (let k = 0; k < state.slices.length; k++) writeParamBlock(state.params[k], constants, state.slices[k], state.adaptPA);
  }

  /**
   * The ion concentration field (docs/MODEL.md §Ion dynamics): [K⁺]o and [Na⁺]i per patch
   * (kOutMM, naInMM, patchCols × patchRows), E_K per patch (eKMV), kOutMaxMM(), kOutMeanMM(),
   * naInMeanMM(). It moves only while live.ionsOn is 1; switching on resets it to the bath.
   */
  get ions(): IonField {
    return this.ionCoupling.field;
  }

  /** B(V) as the kernels read it (src/core/kernel/blockTable.ts), at the live [Mg]o. */
  get mgTable(): BlockTable {
    return this.constants.mgTable;
  }

  /**
   * Hands slice 1 to a helper thread (src/core/kernel/sliceThreads.ts) from the next batch on, once
   * the helper has answered ('adaptive': while two threads are faster; 'always': every batch).
   * False where this network cannot be shared (reference kernel, or no shared memory here): it
   * then steps on this thread alone. The spikes are the same either way.
   */
  attachHelper(port: SliceHelperPort, policy: 'adaptive' | 'always' = 'adaptive'): boolean {
    return this.slicer?.attachHelper(port, policy) ?? false;
  }

  /** True when attachHelper can hand half of this network to a helper (fast kernel, shared memory). */
  get attachHelperPossible(): boolean {
    return this.slicer?.canShare ?? false;
  }

  /** Stops using the helper and sends it back to its event loop (free for another network). */
  detachHelper(): void {
    this.slicer?.detachHelper();
  }

  /** True once an attached helper has answered: batches may then run on two threads. */
  get helperReady(): boolean {
    return this.slicer?.helperReady ?? false;
  }

  /** Steps a helper thread took part in since the network was built. */
  get threadedSteps(): number {
    return this.slicer?.threadedSteps ?? 0;
  }

  /**
   * Starts a batch of `steps` steps (Simulation.advance): with a ready helper, it may step slice 1
   * alongside. Every beginBatch must be followed by exactly `steps` step() calls and endBatch(),
   * nothing else touching the network in between but reading it.
   */
  beginBatch(steps: number): void {
    this.slicer?.beginBatch(steps, this.stepIndex);
  }

  /** Ends the batch: the helper stops and the last step's propagation is finished here. */
  endBatch(): void {
    this.slicer?.endBatch(this.stepIndex);
  }

  /** Advances the network by one step. Allocates nothing. */
  step(): void {
    const now = this.stepIndex;
    this.spikedCount = this.slicer ? this.slicer.step(now) : (this.kernel as ReferenceKernel).step(now);
    this.ionCoupling.afterStep(this.spikedIds, this.spikedCount);
    this.stepIndex++;
  }

  /** Mg block B(V) of neuron i at its present V (table lookup, as in the step). */
  mgBlockOf(i: number): number {
    return this.constants.mgTable.lookup(this.vMV[i]);
  }

  /** Highest, mean [K⁺]o of the patches and mean [Na⁺]i now, mM (the field's; at the bath while ions are off). */
  kOutMaxMM(): number {
    return this.ions.kOutMaxMM();
  }

  kOutMeanMM(): number {
    return this.ions.kOutMeanMM();
  }

  naInMeanMM(): number {
    return this.ions.naInMeanMM();
  }

  /** NMDA current (pA, inward negative) of neuron i at its present state. Allocates nothing. */
  nmdaCurrentOf(i: number): number {
    const c = this.constants;
    const pop = i < this.excitatory ? c.exc : c.inh;
    return pop.gNmdaNS * this.sNmda[i] * this.mgBlockOf(i) * (this.vMV[i] - c.eNmdaMV);
  }

  get synapses(): number {
    return this.connectivity.targets.length;
  }

  /** How the kernel delivers spikes: 'ring' (reference), 'events' or 'fifo' (fast). */
  get delivery(): 'ring' | 'events' | 'fifo' {
    return this.kernel instanceof WasmKernel ? this.kernel.delivery : 'ring';
  }

  /** Bytes held by the network, all parts together (see bytesByPart). */
  get bytes(): number {
    const b = this.bytesByPart;
    return b.neurons + b.synapses + b.delivery + b.tables;
  }

  /** Bytes by what they scale with (src/core/memoryPlan.ts, bytesByPart). */
  get bytesByPart(): BytesByPart {
    const ring = this.kernel instanceof ReferenceKernel ? this.kernel.bytes : 0;
    return bytesByPart(this.plan, this.connectivity, this.layout, ring, this.constants.mgTable.values.byteLength);
  }
}

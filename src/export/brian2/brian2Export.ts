/**
 * The Brian2 export of a network (issue 15 item 2): a self-contained folder that builds the same
 * network in Brian2 — the same cells, synapses, delays, weights and state — and runs it.
 *
 *   network.py    the script (./network.py beside this file): `python3 network.py --json`
 *   network.json  parameters, the live values baked into the weights, the NMDA jump, the timing
 *                 conventions and the list of binary arrays below
 *   *.bin         little-endian arrays: every synapse's pre, post and delay (steps, as Mg Gate
 *                 counts them); every neuron's V, gAMPA, gGABA, sNMDA, adaptation, threshold,
 *                 refractory count, and its own presynaptic NMDA gating with the step it was set
 *
 * The files are returned as bytes, so the page can zip them and the runner write them
 * (src/export/writeFolder.ts). Spikes still travelling along axons at the moment of export are not carried:
 * export before the first step for an exact copy of the wiring and start state.
 *
 * The ion model (docs/MODEL.md §Ion dynamics) is not exported: network.py models fixed ions. A
 * network exported with ions on is written as its fixed-ion counterpart (the adaptation, held as a
 * K⁺ conductance while ions are on, back in pA), network.json says so (`ions`), and network.py
 * warns when it runs one.
 */
import type { Network } from '../../core/network';
import type { PopulationParams } from '../../core/params';
import { DRIVE_NONE } from '../../core/kernel/layout';
import networkPy from './network.py?raw';
import type { ExportedFile } from '../exportedFile';

export const BRIAN2_EXPORT_FORMAT = 'mg-gate-brian2';
export const BRIAN2_EXPORT_VERSION = 1;

/** One binary array of the export, as network.json lists it (numpy dtype strings). */
interface ArrayEntry {
  file: string;
  dtype: '<u4' | '<u2' | '<i4' | '<f8';
  length: number;
}

type Typed = Uint32Array | Uint16Array | Int32Array | Float64Array;

const DTYPE: Record<string, ArrayEntry['dtype']> = {
  Uint32Array: '<u4',
  Uint16Array: '<u2',
  Int32Array: '<i4',
  Float64Array: '<f8',
};

/** Typed arrays are in the platform's byte order; every platform a browser or Node runs on is little-endian. */
function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the Brian2 export needs a little-endian platform');
}

/** The population's values as Brian2 needs them: parameters with the live scales applied. */
function populationEntry(net: Network, p: PopulationParams, which: 'exc' | 'inh') {
  const c = which === 'exc' ? net.constants.exc : net.constants.inh;
  return {
    capPF: p.capPF,
    gLeakNS: p.gLeakNS,
    eLeakMV: p.eLeakMV,
    vResetMV: p.vResetMV,
    vThreshMV: p.vThreshMV,
    refractorySteps: c.refractorySteps,
    tauAdaptMs: p.tauAdaptMs,
    adaptIncrementPA: c.adaptIncrementPA,
    gAmpaNS: c.gAmpaNS,
    gNmdaNS: c.gNmdaNS,
    gGabaNS: c.gGabaNS,
    gDriveNS: c.gDriveNS,
  };
}

/** The adaptation in pA: with ions on the E cells hold it as a K⁺ conductance (nS) at adaptReferenceMV. */
function adaptationPA(net: Network): Float64Array {
  const w = Float64Array.from(net.adaptPA);
  if (net.constants.ionsOn) {
    const drivingMV = net.ions.params.adaptReferenceMV - net.ions.eKNormal;
    for (let i = 0; i < net.excitatory; i++) w[i] *= drivingMV;
  }
  return w;
}

/** The CSR rows as one (pre, post, delay) triple per synapse, in row order. */
function synapseTriples(net: Network): { pre: Uint32Array; post: Uint32Array; delay: Uint16Array } {
  const { rowStart, targets, delaySteps } = net.connectivity;
  const pre = new Uint32Array(targets.length);
  for (let i = 0; i < net.neurons; i++) pre.fill(i, rowStart[i], rowStart[i + 1]);
  return { pre, post: targets.slice(), delay: delaySteps.slice() };
}

/** All files of the Brian2 export of net's present wiring, parameters and state. */
export function brian2ExportFiles(net: Network): ExportedFile[] {
  assertLittleEndian();
  const config = net.config;
  const { pre, post, delay } = synapseTriples(net);
  const arrays: Record<string, Typed> = {
    synapsePre: pre,
    synapsePost: post,
    synapseDelaySteps: delay,
    // the fast kernel keeps float32 state: widened, exactly
    vMV: Float64Array.from(net.vMV),
    gAmpaNS: Float64Array.from(net.gAmpaNS),
    gGabaNS: Float64Array.from(net.gGabaNS),
    sNmda: Float64Array.from(net.sNmda),
    adaptPA: adaptationPA(net),
    vThreshMV: Float64Array.from(net.vThreshMV),
    refractoryLeftSteps: net.refractoryLeftSteps.slice(),
    sNmdaPre: net.sNmdaPre.slice(),
    lastSpikeStep: net.lastSpikeStep.slice(),
  };
  const files: ExportedFile[] = [];
  const listed: Record<string, ArrayEntry> = {};
  for (const [name, a] of Object.entries(arrays)) {
    const file = `${name}.bin`;
    listed[name] = { file, dtype: DTYPE[a.constructor.name], length: a.length };
    files.push({ path: file, bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength) });
  }
  const s = config.synapses;
  const meta = {
    format: BRIAN2_EXPORT_FORMAT,
    version: BRIAN2_EXPORT_VERSION,
    preset: config.preset,
    neurons: net.neurons,
    excitatory: net.excitatory,
    dtMs: config.dtMs,
    seed: config.seed,
    /** the step at which the state was taken (0: before the first step) */
    stepIndex: net.stepIndex,
    kernel: net.kernelKind,
    live: { ...net.live },
    /** the ion model is not exported: Brian2 runs the fixed-ion counterpart */
    ions: net.constants.ionsOn ? 'on in Mg Gate, not exported: fixed ions here' : 'off',
    synapses: { ...s },
    populations: { exc: populationEntry(net, config.exc, 'exc'), inh: populationEntry(net, config.inh, 'inh') },
    drive: { inputs: net.constants.driveMode === DRIVE_NONE ? 0 : config.driveInputs, rateHz: net.live.driveRateHz },
    /** Δs = k0 + k1 · s at a presynaptic spike, as this build of Mg Gate computes it (exact: NEST's k0, k1) */
    nmdaJump: { k0: net.constants.nmdaJumpK0, k1: net.constants.nmdaJumpK1 },
    /**
     * How Mg Gate's schedule maps onto Brian2's (groups, thresholds, synapses, resets): an event
     * arriving in step n is applied before that step's voltage update in Mg Gate and after it in
     * Brian2, so delays shrink by one step; the hold of refractorySteps steps after the spike step
     * is refractorySteps + 1 steps in Brian2's count from the spike; the adaptation jump b is
     * added before the spike step's decay in Mg Gate and after it in Brian2 (b · e^(−dt/τ_w) there).
     */
    timing: {
      mggate: { delayShiftSteps: 1, refractoryExtraSteps: 1, adaptJumpDecaySteps: 1 },
      brian2: { delayShiftSteps: 0, refractoryExtraSteps: 0, adaptJumpDecaySteps: 0 },
    },
    arrays: listed,
    config,
  };
  const encoder = new TextEncoder();
  files.push({ path: 'network.json', bytes: encoder.encode(`${JSON.stringify(meta, null, 1)}\n`) });
  files.push({ path: 'network.py', bytes: encoder.encode(networkPy) });
  return files;
}


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
 * The ion model (docs/MODEL.md §Ion dynamics), when it is on, is exported with it (`ions` in
 * network.json and ionsKOutMM / ionsNaInMM / ionsPatchOfNeuron / ionsPumpScale / ionsGlialScale):
 * network.py steps the same patch field every ion step (a network_operation) and couples it to the
 * cells as Mg Gate does — the K⁺ share of the leak and the adaptation conductance at E_K, E_GABA
 * following E_K, the pump current, the divalent screening shift of the threshold. The adaptation is
 * then exported as Mg Gate holds it, a conductance in nS (`adaptNS`). `--ions off` in network.py
 * runs the fixed-ion counterpart instead (the adaptation back in pA).
 */
import type { Network } from '../../core/network';
import type { PopulationParams } from '../../core/params';
import { DRIVE_NONE } from '../../core/kernel/layout';
import * as ionConstants from '../../core/ions/constants';
import type { IonField } from '../../core/ions/ionField';
import networkPy from './network.py?raw';
import type { ExportedFile } from '../exportedFile';

export const BRIAN2_EXPORT_FORMAT = 'mg-gate-brian2';
/** 2: the ion model exported when it is on (version 1 wrote its fixed-ion counterpart). */
export const BRIAN2_EXPORT_VERSION = 2;

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
    /** with ions on: the increment as a K⁺ conductance, Ca²⁺-scaled (src/core/ions/physics.ts adaptIncrementNS) */
    adaptIncrementNS: c.adaptIncrementNS,
    gAmpaNS: c.gAmpaNS,
    gNmdaNS: c.gNmdaNS,
    gGabaNS: c.gGabaNS,
    gDriveNS: c.gDriveNS,
  };
}

/**
 * The derived parts of the ion field that network.py needs as Mg Gate computed them (private to
 * IonField: read through this view, not re-derived, so there is one statement of each).
 */
interface IonFieldInternals {
  pumpScale: Float64Array;
  glialScale: Float64Array;
  diffusionPerMs: number;
  gLeakKNS: Float64Array;
  leakRestDrivePA: Float64Array;
  eGabaRestMV: number;
}

/** The ion model's block of network.json and its arrays (absent with ions off). */
function ionExport(net: Network): { meta: Record<string, unknown>; arrays: Record<string, Typed> } | null {
  if (!net.constants.ionsOn) return null;
  const field: IonField = net.ions;
  const inner = field as unknown as IonFieldInternals;
  for (const key of ['pumpScale', 'glialScale', 'diffusionPerMs', 'gLeakKNS', 'leakRestDrivePA', 'eGabaRestMV'] as const) {
    if (inner[key] === undefined) throw new Error(`the Brian2 export reads IonField.${key}, which IonField no longer has: update src/export/brian2/brian2Export.ts`);
  }
  if (net.stepIndex % field.stepsPerIonStep !== 0) {
    throw new Error(`the Brian2 export with ions on needs a step index that is a multiple of the ion step (${field.stepsPerIonStep} steps); it is ${net.stepIndex}`);
  }
  return {
    meta: {
      params: { ...field.params },
      /** the formulas' constants (src/core/ions/constants.ts) */
      constants: {
        RT_OVER_F_MV: ionConstants.RT_OVER_F_MV,
        K_IN_REST_MM: ionConstants.K_IN_REST_MM,
        PUMP_K_HALF_MM: ionConstants.PUMP_K_HALF_MM,
        PUMP_K_SLOPE_MM: ionConstants.PUMP_K_SLOPE_MM,
        PUMP_NA_HALF_MM: ionConstants.PUMP_NA_HALF_MM,
        PUMP_NA_SLOPE_MM: ionConstants.PUMP_NA_SLOPE_MM,
        SCREENING_MV_PER_DECADE: ionConstants.SCREENING_MV_PER_DECADE,
        SCREENING_MG_PER_CA: ionConstants.SCREENING_MG_PER_CA,
        CA_OUT_NORMAL_MM: ionConstants.CA_OUT_NORMAL_MM,
        MG_OUT_NORMAL_MM: ionConstants.MG_OUT_NORMAL_MM,
      },
      patchCols: field.patchCols,
      patchRows: field.patchRows,
      patches: field.patches,
      stepsPerIonStep: field.stepsPerIonStep,
      ionDtMs: field.ionDtMs,
      kBathMM: field.kBathMM,
      diffusionPerMs: inner.diffusionPerMs,
      eKNormalMV: field.eKNormal,
      eGabaRestMV: inner.eGabaRestMV,
      /** per population [E, I]: the K⁺ share of the leak (nS) and the rest of the leak drive (pA) */
      gLeakKNS: Array.from(inner.gLeakKNS),
      leakRestDrivePA: Array.from(inner.leakRestDrivePA),
      /** the threshold's divalent screening shift at the exported [Ca]o and [Mg]o, mV */
      thresholdShiftMV: net.constants.thresholdShiftMV,
      caOutMM: net.live.caOutMM,
    },
    arrays: {
      ionsKOutMM: Float64Array.from(field.kOutMM),
      ionsNaInMM: Float64Array.from(field.naInMM),
      ionsPatchOfNeuron: field.patchOfNeuron.slice(),
      ionsPumpScale: Float64Array.from(inner.pumpScale),
      ionsGlialScale: Float64Array.from(inner.glialScale),
    },
  };
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
  const ions = ionExport(net);
  const arrays: Record<string, Typed> = {
    synapsePre: pre,
    synapsePost: post,
    synapseDelaySteps: delay,
    // the fast kernel keeps float32 state: widened, exactly
    vMV: Float64Array.from(net.vMV),
    gAmpaNS: Float64Array.from(net.gAmpaNS),
    gGabaNS: Float64Array.from(net.gGabaNS),
    sNmda: Float64Array.from(net.sNmda),
    // with ions on Mg Gate holds the adaptation as a K⁺ conductance (nS), and so does network.py
    [ions ? 'adaptNS' : 'adaptPA']: Float64Array.from(net.adaptPA),
    vThreshMV: Float64Array.from(net.vThreshMV),
    refractoryLeftSteps: net.refractoryLeftSteps.slice(),
    sNmdaPre: net.sNmdaPre.slice(),
    lastSpikeStep: net.lastSpikeStep.slice(),
    ...ions?.arrays,
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
    /** the ion model (null: off, fixed ions) */
    ions: ions?.meta ?? null,
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


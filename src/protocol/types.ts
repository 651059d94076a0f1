/**
 * The worker protocol: the one place both threads take their types from. Types only — no code —
 * so the worker side compiles without DOM types and the page without worker types.
 */
import type { AnalysisSummary, BurstEvent } from '../analysis/types';
import type { LiveParams, NetworkConfig } from '../core/params';
import type { BuildSummary } from '../core/simulation';

export type { AnalysisSummary, BurstEvent, LiveParams, NetworkConfig, BuildSummary };

/** Returned by create and reset: what was built. siteOfNeuron is transferred. */
export interface CreateResult {
  summary: BuildSummary;
  config: NetworkConfig;
  width: number;
  height: number;
  excitatory: number;
  /** site (y · width + x) of each neuron */
  siteOfNeuron: Uint32Array;
}

export interface AdvanceRequest {
  /** simulated time to advance, ms (rounded to whole steps) */
  durationMs: number;
  /** include the per-neuron membrane potential snapshot */
  wantVoltages: boolean;
}

/** One chunk of simulation, every typed array transferred (zero-copy) to the page. */
export interface Frame {
  startStep: number;
  endStep: number;
  dtMs: number;
  /** spikes of the chunk: neuron ids and step indices (absolute) */
  spikeIds: Uint32Array;
  spikeSteps: Uint32Array;
  /** population rate in bins of rateBinMs, excitatory and inhibitory cells, Hz */
  rateBinMs: number;
  rateEHz: Float32Array;
  rateIHz: Float32Array;
  /** membrane potential of every neuron at the end of the chunk (empty if not requested), mV */
  vMV: Float32Array;
  /** probed neurons and their per-step samples [step][probe][vMV, iNmdaPA, block] */
  probeIds: Uint32Array;
  probeSamples: Float32Array;
  probeSampleCount: number;
  analysis: AnalysisSummary;
  /** bursts that ended within this chunk */
  newBursts: BurstEvent[];
  live: LiveParams;
  /** worker time spent stepping the network for this chunk, ms */
  workerStepMs: number;
  /** worker time spent packing the frame (analysis, copies), ms */
  workerPackMs: number;
}

export interface SweepRequest {
  config: NetworkConfig;
  mgListMM: number[];
  durationMs: number;
  /** simulated time discarded at the start of each point, ms */
  warmupMs: number;
}

export interface SweepRow {
  mgOutMM: number;
  rateEHz: number;
  rateIHz: number;
  bursts: number;
  burstRateHz: number;
  burstFraction: number;
  cvIsi: number;
  synchrony: number;
}

export interface SweepProgress {
  /** 0..1 over the whole sweep */
  fraction: number;
  pointIndex: number;
  points: number;
  mgOutMM: number;
}

export interface SweepResult {
  rows: SweepRow[];
  cancelled: boolean;
}

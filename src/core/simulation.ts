/**
 * The simulation facade: validates, builds, steps on an integer clock, and records. This is the one
 * object the runner, the worker and the tests drive. Time is an integer step count (Brian2's
 * clocks): simulated time is stepIndex · dtMs, never an accumulated float.
 */
import { PROBE_CHANNELS, MAX_PROBES, ProbeRecorder, SpikeRecorder } from './monitors';
import { Network } from './network';
import type { NetworkOptions } from './network';
import type { IonField } from './ions/ionField';
import type { LiveParams, NetworkConfig } from './params';
import { checkField, ParameterError, validateConfig, validateLiveParams } from './params';

export interface BuildSummary {
  preset: string;
  neurons: number;
  excitatory: number;
  inhibitory: number;
  synapses: number;
  dtMs: number;
  seed: number;
  maxDelayMs: number;
  bytes: number;
  buildMs: number;
  layoutWidth: number;
  layoutHeight: number;
}

/** The most steps one advance() may take (100 s at dt 0.1 ms): callers chunk longer runs. */
export const MAX_ADVANCE_STEPS = 1_000_000;

export class Simulation {
  readonly network: Network;
  readonly spikes = new SpikeRecorder();
  readonly probes = new ProbeRecorder();
  readonly summary: BuildSummary;

  private constructor(network: Network, buildMs: number) {
    this.network = network;
    const c = network.config;
    this.summary = {
      preset: c.preset,
      neurons: network.neurons,
      excitatory: network.excitatory,
      inhibitory: network.neurons - network.excitatory,
      synapses: network.synapses,
      dtMs: c.dtMs,
      seed: c.seed,
      maxDelayMs: network.connectivity.maxDelaySteps * c.dtMs,
      bytes: network.bytes,
      buildMs,
      layoutWidth: network.layout.width,
      layoutHeight: network.layout.height,
    };
  }

  /**
   * Validates the config (throwing a ParameterError naming the field) and builds the network;
   * options.kernel picks the step kernel (default: the fastest that runs here).
   */
  static create(config: NetworkConfig, options?: NetworkOptions): Simulation {
    validateConfig(config);
    const t0 = performance.now();
    const network = new Network(structuredClone(config), options);
    return new Simulation(network, performance.now() - t0);
  }

  get config(): NetworkConfig {
    return this.network.config;
  }

  get stepIndex(): number {
    return this.network.stepIndex;
  }

  get timeMs(): number {
    return this.network.stepIndex * this.network.config.dtMs;
  }

  /** The network's ion field (Network.ions: [K⁺]o, [Na⁺]i per patch; kOutMaxMM(), kOutMeanMM(), naInMeanMM()). */
  get ions(): IonField {
    return this.network.ions;
  }

  get live(): Readonly<LiveParams> {
    return this.network.live;
  }

  /** Changes live parameters between two steps. All fields are checked before any is applied. */
  setLive(update: Partial<LiveParams>): void {
    validateLiveParams(update);
    this.network.setLive(update);
  }

  /** Follows these neurons' V, NMDA current and block at every step. */
  setProbes(ids: ArrayLike<number>): void {
    if (ids.length > MAX_PROBES) throw new ParameterError('probes', ids.length, `at most ${MAX_PROBES} probed neurons`);
    for (let k = 0; k < ids.length; k++) {
      checkField(`probes[${k}]`, ids[k], { min: 0, max: this.network.neurons - 1, unit: '', integer: true });
    }
    this.probes.setIds(ids);
  }

  /** Steps the network `steps` times, recording spikes and probe traces. */
  advance(steps: number): void {
    checkField('steps', steps, { min: 0, max: MAX_ADVANCE_STEPS, unit: 'steps', integer: true });
    const net = this.network;
    const spikes = this.spikes;
    const probes = this.probes;
    const probeCount = probes.ids.length;
    if (probeCount > 0) probes.reserve(steps);
    // with a helper thread attached, slice 1 steps on it for the whole batch
    net.beginBatch(steps);
    try {
      for (let s = 0; s < steps; s++) {
        const step = net.stepIndex;
        net.step();
        if (net.spikedCount > 0) spikes.append(net.spikedIds, net.spikedCount, step);
        if (probeCount > 0) this.recordProbes();
      }
    } finally {
      net.endBatch();
    }
  }

  private recordProbes(): void {
    const net = this.network;
    const { ids, samples } = this.probes;
    let at = this.probes.count * ids.length * PROBE_CHANNELS;
    for (let p = 0; p < ids.length; p++) {
      const i = ids[p];
      samples[at++] = net.vMV[i];
      samples[at++] = net.nmdaCurrentOf(i);
      samples[at++] = net.mgBlockOf(i);
    }
    this.probes.count++;
  }
}

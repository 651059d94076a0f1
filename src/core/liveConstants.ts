/**
 * The constants the kernels read at every step, derived from the config and the live parameters:
 * per-population membrane and synapse factors, the exact exponential decays, the B(V) table and the
 * Poisson drive's mode and tables. Derived again whenever a live parameter changes (between steps),
 * so a change acts from the next step on. The model behind each factor: docs/MODEL.md, "Neurons",
 * "Synapses (AMPA, GABA, NMDA)", "Mg block" and "Drive".
 */
import type { LiveParams, NetworkConfig, PopulationParams } from './params';
import { excitatoryCount } from './params';
import type { SliceDrive } from './networkState';
import { BlockTable } from './kernel/blockTable';
import { DRIVE_NONE, DRIVE_PER_NEURON, DRIVE_POPULATION } from './kernel/layout';
import { DRIVE_POPULATION_MAX_MEAN, fillNeuronCdf, fillTotalCdf } from './kernel/poisson';
import { exactNmdaJump, stepAverageFactor } from './kernel/stepFactors';
import { adaptIncrementNS, screeningShiftMV } from './ions/physics';

/** Per-population constants derived from the config and the live parameters. */
export class PopulationConstants {
  /** the population's neurons: [start, end) */
  start = 0;
  end = 0;
  /** dt / C (1/nS): the membrane update's x = dtOverCapPerNS · G (docs/MODEL.md §Numerics) */
  dtOverCapPerNS = 0;
  gLeakNS = 0;
  leakDrivePA = 0;
  vResetMV = 0;
  refractorySteps = 0;
  adaptIncrementPA = 0;
  /** with ions on: the increment as a Ca²⁺-scaled K⁺ conductance, nS (docs/MODEL.md §Ion dynamics) */
  adaptIncrementNS = 0;
  adaptDecay = 1;
  /** the step average of the decaying adaptation, as a factor of its value at the step start */
  averageAdapt = 1;
  gAmpaNS = 0;
  gNmdaNS = 0;
  /** gNmdaNS times the step average of the decaying NMDA gating: what the membrane update uses */
  gNmdaAverageNS = 0;
  gGabaNS = 0;
  gDriveNS = 0;
}

/** Everything derived that a kernel reads; the live part is refreshed by applyLive. */
export class LiveConstants {
  readonly exc = new PopulationConstants();
  readonly inh = new PopulationConstants();
  readonly eAmpaMV: number;
  readonly eGabaMV: number;
  readonly eNmdaMV: number;
  /** one step's exact exponential decay of each conductance and of the arriving NMDA gating */
  readonly decayAmpa: number;
  readonly decayGaba: number;
  readonly decayNmda: number;
  /** the step averages of the decaying AMPA, GABA and NMDA conductances (stepFactors.ts) */
  readonly averageAmpa: number;
  readonly averageGaba: number;
  readonly averageNmda: number;
  /** the exact jump of presynaptic NMDA gating at a spike: Δs = nmdaJumpK0 + nmdaJumpK1 · s */
  readonly nmdaJumpK0: number;
  readonly nmdaJumpK1: number;
  /** dt / τ_NMDA,decay: presynaptic gating decays by e^(−steps · this) between spikes */
  readonly stepsPerDecayMs: number;
  /** Presynaptic gating is tracked whenever NMDA exists in the model, even while scaled to 0. */
  readonly nmdaModelled: boolean;
  /** B(V) as the kernels read it (src/core/kernel/blockTable.ts), at the live [Mg]o */
  readonly mgTable: BlockTable;
  /** DRIVE_NONE, DRIVE_PER_NEURON or DRIVE_POPULATION (src/core/kernel/poisson.ts) */
  driveMode = DRIVE_NONE;
  /** the per-neuron drive table, a view in the state block (filled in DRIVE_PER_NEURON mode) */
  readonly cdfNeuron: Float64Array;
  /** the ion model (docs/MODEL.md §Ion dynamics): on or off, and its threshold shift (0 when off), mV */
  ionsOn = false;
  thresholdShiftMV = 0;
  /** where an adaptation increment in pA becomes a K⁺ conductance, mV (IonParams.adaptReferenceMV) */
  readonly adaptReferenceMV: number;

  constructor(config: NetworkConfig, cdfNeuron: Float64Array, adaptReferenceMV: number) {
    this.adaptReferenceMV = adaptReferenceMV;
    const { dtMs, synapses: s } = config;
    this.eAmpaMV = s.eAmpaMV;
    this.eGabaMV = s.eGabaMV;
    this.eNmdaMV = s.eNmdaMV;
    this.decayAmpa = Math.exp(-dtMs / s.tauAmpaMs);
    this.decayGaba = Math.exp(-dtMs / s.tauGabaMs);
    this.decayNmda = Math.exp(-dtMs / s.tauNmdaDecayMs);
    this.averageAmpa = stepAverageFactor(s.tauAmpaMs, dtMs);
    this.averageGaba = stepAverageFactor(s.tauGabaMs, dtMs);
    this.averageNmda = stepAverageFactor(s.tauNmdaDecayMs, dtMs);
    const jump = exactNmdaJump(s.nmdaAlphaPerMs, s.tauNmdaRiseMs, s.tauNmdaDecayMs);
    this.nmdaJumpK0 = jump.k0;
    this.nmdaJumpK1 = jump.k1;
    this.stepsPerDecayMs = dtMs / s.tauNmdaDecayMs;
    this.nmdaModelled = config.exc.gNmdaNS > 0 || config.inh.gNmdaNS > 0;
    this.mgTable = new BlockTable(config.live.mgOutMM);
    this.cdfNeuron = cdfNeuron;
    const nE = excitatoryCount(config);
    this.exc.end = nE;
    this.inh.start = nE;
    this.inh.end = config.neurons;
  }
}

/**
 * Derives the live part of `c` from `live`: the B(V) table, the populations' scaled weights and the
 * Poisson drive (λ input events per neuron-step, drawn per neuron or by each slice's total, whose
 * tables are the slices' own).
 */
export function applyLive(c: LiveConstants, config: NetworkConfig, live: LiveParams, slices: readonly SliceDrive[]): void {
  c.mgTable.setMg(live.mgOutMM);
  fillPopulation(c.exc, config.exc, config.dtMs, live, c);
  fillPopulation(c.inh, config.inh, config.dtMs, live, c);
  c.ionsOn = live.ionsOn === 1;
  c.thresholdShiftMV = c.ionsOn ? screeningShiftMV(live.caOutMM, live.mgOutMM) : 0;
  const lambda = (config.driveInputs * live.driveRateHz * config.dtMs) / 1000;
  if (lambda <= 0 || (c.exc.gDriveNS <= 0 && c.inh.gDriveNS <= 0)) {
    c.driveMode = DRIVE_NONE;
  } else if (lambda > DRIVE_POPULATION_MAX_MEAN) {
    c.driveMode = DRIVE_PER_NEURON;
    fillNeuronCdf(c.cdfNeuron, lambda);
  } else {
    c.driveMode = DRIVE_POPULATION;
    for (const slice of slices) {
      const { kLo, guideSize } = fillTotalCdf(slice.cdfTotal, slice.guide, (slice.hi - slice.lo) * lambda);
      slice.totalKLo = kLo;
      slice.guideSize = guideSize;
    }
  }
}

function fillPopulation(c: PopulationConstants, p: PopulationParams, dtMs: number, live: LiveParams, all: LiveConstants): void {
  c.dtOverCapPerNS = dtMs / p.capPF;
  c.gLeakNS = p.gLeakNS;
  c.leakDrivePA = p.gLeakNS * p.eLeakMV;
  c.vResetMV = p.vResetMV;
  c.refractorySteps = Math.round(p.tauRefMs / dtMs);
  c.adaptIncrementPA = p.adaptIncrementPA * live.adaptScale;
  c.adaptIncrementNS = adaptIncrementNS(c.adaptIncrementPA, live.caOutMM, all.adaptReferenceMV);
  c.adaptDecay = Math.exp(-dtMs / p.tauAdaptMs);
  c.averageAdapt = stepAverageFactor(p.tauAdaptMs, dtMs);
  c.gAmpaNS = p.gAmpaNS * live.gAmpaScale;
  c.gNmdaNS = p.gNmdaNS * live.gNmdaScale;
  c.gNmdaAverageNS = c.gNmdaNS * all.averageNmda;
  c.gGabaNS = p.gGabaNS * live.gGabaScale;
  c.gDriveNS = p.gDriveNS * live.gAmpaScale;
}

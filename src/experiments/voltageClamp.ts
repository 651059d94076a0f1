/**
 * The voltage-clamp I–V protocol on one cell, DOM-free: the cell is held at each potential from
 * −100 to +40 mV in 10 mV steps; all its excitatory inputs fire a burst together; the peak NMDA
 * current is read at each holding potential. The synapse model is the network's (src/core/network.ts;
 * docs/MODEL.md §Synapses (AMPA, GABA, NMDA)): each presynaptic cell's gating s jumps at a spike by
 * Δs = k0 + k1·s, the exact jump of src/core/kernel/stepFactors.ts (after decaying since its last
 * spike), the cell's summed gating S
 * accumulates those jumps and decays with τ_decay, and I = g·S·B(V)·(V − E_NMDA).
 *
 * Clamped, V does not move, so S(t) is the same at every holding potential and the peak current
 * is g·S_peak·B(V)·(V − E): the measured I–V has the analytic curve's shape exactly — a check that
 * the page's synapse and the formula agree, and a picture of the negative-slope region.
 */
import { exactNmdaJump } from '../core/kernel/stepFactors';
import { mgBlock } from '../core/mgBlock';
import type { NetworkConfig } from '../core/params';
import { excitatoryCount } from '../core/params';

export interface VoltageClampOptions {
  /** holding potentials, mV @default −100, −90, …, +40 */
  holdMV: number[];
  /** NMDA synapses onto the cell (its excitatory inputs) */
  synapses: number;
  /** NMDA conductance per unit of gating, nS (population gNmdaNS × live gNmdaScale) */
  gNmdaNS: number;
  mgOutMM: number;
  eNmdaMV: number;
  tauNmdaRiseMs: number;
  tauNmdaDecayMs: number;
  nmdaAlphaPerMs: number;
  dtMs: number;
  /** spikes in the presynaptic burst @default 5 */
  burstSpikes: number;
  /** interval between them, ms @default 10 (100 Hz) */
  burstIntervalMs: number;
  /** recording time after the burst starts, ms @default 400 */
  recordMs: number;
}

export interface ClampPoint {
  vMV: number;
  /** peak (largest in magnitude) NMDA current at this holding potential, pA; inward negative */
  iPeakPA: number;
}

export interface VoltageClampResult {
  points: ClampPoint[];
  /** peak summed gating S of the cell's NMDA synapses */
  sPeak: number;
  /** time of the peak after the first spike, ms */
  peakMs: number;
  options: VoltageClampOptions;
}

export const DEFAULT_HOLD_MV = Array.from({ length: 15 }, (_, k) => -100 + 10 * k);

/** The options for neuron `id` of a network configuration (its population, its inputs, live scales). */
export function clampOptionsOf(config: NetworkConfig, id: number, mgOutMM = config.live.mgOutMM): VoltageClampOptions {
  const excitatory = id < excitatoryCount(config);
  const pop = excitatory ? config.exc : config.inh;
  const t = config.topology;
  const synapses = t.kind === 'sheet' ? t.inDegreeE : Math.round(t.inDegree * config.excitatoryFraction);
  const s = config.synapses;
  return {
    holdMV: DEFAULT_HOLD_MV,
    synapses,
    gNmdaNS: pop.gNmdaNS * config.live.gNmdaScale,
    mgOutMM,
    eNmdaMV: s.eNmdaMV,
    tauNmdaRiseMs: s.tauNmdaRiseMs,
    tauNmdaDecayMs: s.tauNmdaDecayMs,
    nmdaAlphaPerMs: s.nmdaAlphaPerMs,
    dtMs: config.dtMs,
    burstSpikes: 5,
    burstIntervalMs: 10,
    recordMs: 400,
  };
}

/** The summed gating S(t) of the cell's NMDA synapses, one value per step, after a synchronous burst. */
export function gatingTrace(o: VoltageClampOptions): Float64Array {
  const steps = Math.max(1, Math.round(o.recordMs / o.dtMs));
  const intervalSteps = Math.max(1, Math.round(o.burstIntervalMs / o.dtMs));
  const jump = exactNmdaJump(o.nmdaAlphaPerMs, o.tauNmdaRiseMs, o.tauNmdaDecayMs);
  const decay = Math.exp(-o.dtMs / o.tauNmdaDecayMs);
  const trace = new Float64Array(steps);
  // every input fires the same burst, so one presynaptic s stands for all of them
  let sPre = 0;
  let lastSpikeStep = 0;
  let sPost = 0;
  for (let n = 0; n < steps; n++) {
    if (n % intervalSteps === 0 && n / intervalSteps < o.burstSpikes) {
      sPre *= Math.exp(-((n - lastSpikeStep) * o.dtMs) / o.tauNmdaDecayMs); // lazy decay since the last spike
      const ds = jump.k0 + jump.k1 * sPre;
      sPre += ds;
      lastSpikeStep = n;
      sPost += o.synapses * ds;
    }
    trace[n] = sPost;
    sPost *= decay;
  }
  return trace;
}

export function runVoltageClamp(options: Partial<VoltageClampOptions> & Omit<VoltageClampOptions, 'holdMV' | 'burstSpikes' | 'burstIntervalMs' | 'recordMs'>): VoltageClampResult {
  const o: VoltageClampOptions = { holdMV: DEFAULT_HOLD_MV, burstSpikes: 5, burstIntervalMs: 10, recordMs: 400, ...options };
  const s = gatingTrace(o);
  let sPeak = 0;
  let peakStep = 0;
  const points: ClampPoint[] = o.holdMV.map((vMV) => {
    // the clamp holds V: B(V) and the driving force are constant; the current follows g·S(t)
    const factor = o.gNmdaNS * mgBlock(vMV, o.mgOutMM) * (vMV - o.eNmdaMV);
    let peak = 0;
    for (let n = 0; n < s.length; n++) {
      const i = factor * s[n];
      if (Math.abs(i) > Math.abs(peak)) peak = i;
      if (s[n] > sPeak) {
        sPeak = s[n];
        peakStep = n;
      }
    }
    return { vMV, iPeakPA: peak };
  });
  return { points, sPeak, peakMs: peakStep * o.dtMs, options: o };
}

/** The analytic peak current g·S_peak·B(V)·(V − E) at [Mg]o, pA. */
export function analyticPeakPA(result: VoltageClampResult, vMV: number, mgOutMM = result.options.mgOutMM): number {
  const o = result.options;
  return o.gNmdaNS * result.sPeak * mgBlock(vMV, mgOutMM) * (vMV - o.eNmdaMV);
}

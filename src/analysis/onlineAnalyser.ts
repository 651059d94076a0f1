/**
 * The analysis of a run, chunk by chunk as frames arrive (worker, page) or in one go (runner,
 * tests: analyseRun). Every spike passes once through a fixed pipeline — population-rate bin,
 * ISI statistics, synchrony filter, burst-recruitment ring — and each completed bin through the
 * smoothing, the burst detector and the synchrony sums, and its raw rate through the ictal detector
 * (ictalTracker.ts), with the highest [K⁺]o of the chunk when the caller has one. Work is strictly
 * in time order, so the results do not depend on how the run is cut into chunks (the [K⁺]o peaks
 * only as finely as the chunks sample it). Nothing is allocated per spike or per bin.
 *
 * Spikes come as the simulation records them (SpikeRecorder): neuron ids and integer step indices,
 * steps non-decreasing, each chunk covering the steps [previous endStep, endStep).
 */
import { BurstDetector, DETECTOR_CLOSED, DETECTOR_OPENED, DETECTOR_REJECTED } from './burstDetector';
import * as C from './constants';
import type { IctalEvent } from './ictal';
import { IctalTracker } from './ictalTracker';
import { IsiStats } from './isiStats';
import { PopulationRate } from './populationRate';
import { Recruitment } from './recruitment';
import { Synchrony } from './synchrony';
import type { AnalysisNetwork, AnalysisOptions, AnalysisSummary, BurstEvent, RateTrace } from './types';
import { WaveFitter, waveFitSettings } from './waveFit';

/** The defaults of every option: the documented burst definition (constants.ts). */
export const DEFAULT_ANALYSIS_OPTIONS: Readonly<Required<AnalysisOptions>> = Object.freeze({
  binMs: C.BIN_MS,
  smoothingTauMs: C.SMOOTHING_TAU_MS,
  thresholdFactor: C.BURST_THRESHOLD_FACTOR,
  thresholdFloorHz: C.BURST_THRESHOLD_FLOOR_HZ,
  minBurstMs: C.MIN_BURST_MS,
  mergeMs: C.BURST_MERGE_MS,
  medianWindowMs: C.MEDIAN_WINDOW_MS,
  medianMinMs: C.MEDIAN_MIN_MS,
  syncTauMs: C.SYNC_TAU_MS,
  rateHistoryMs: C.RATE_HISTORY_MS,
  startStep: 0,
});

export class OnlineAnalyser {
  readonly network: AnalysisNetwork;
  readonly options: Readonly<Required<AnalysisOptions>>;
  /** steps per bin, and the bin width actually used (a whole number of steps), ms */
  readonly binSteps: number;
  readonly binMs: number;

  private readonly rate: PopulationRate;
  private readonly detector: BurstDetector;
  private readonly isi: IsiStats;
  private readonly sync: Synchrony;
  private readonly recruitment: Recruitment | null;
  private readonly fitter: WaveFitter | null;
  private readonly ictal: IctalTracker;

  /** the end of the last chunk (the start of the next), absolute step */
  private endStepValue: number;
  /** the bin now filling, counted from options.startStep */
  private bin = 0;
  private finished = false;
  /** the synchrony sums restart when this bin begins (the filters' rise from 0 is left out) */
  private readonly syncStartBin: number;

  // statistics since the start or the last resetStatistics()
  private statsStartStep: number;
  private spikes = 0;
  private spikesE = 0;
  private bursts = 0;
  private burstMs = 0;

  private readonly newBursts: BurstEvent[] = [];

  constructor(network: AnalysisNetwork, options: AnalysisOptions = {}) {
    const o = { ...DEFAULT_ANALYSIS_OPTIONS, ...stripUndefined(options) };
    checkPositive('neurons', network.neurons);
    checkPositive('dtMs', network.dtMs);
    if (!(network.excitatory >= 0 && network.excitatory <= network.neurons)) {
      throw new RangeError(`analysis: excitatory must be within 0..neurons, got ${network.excitatory}`);
    }
    for (const key of ['binMs', 'smoothingTauMs', 'minBurstMs', 'mergeMs', 'medianWindowMs', 'syncTauMs', 'rateHistoryMs'] as const) {
      checkPositive(key, o[key]);
    }
    if (!(o.thresholdFactor >= 0) || !(o.thresholdFloorHz >= 0) || !(o.medianMinMs >= 0)) {
      throw new RangeError('analysis: thresholdFactor, thresholdFloorHz and medianMinMs must be ≥ 0');
    }
    if (!Number.isInteger(o.startStep) || o.startStep < 0) throw new RangeError(`analysis: startStep must be a whole step ≥ 0, got ${o.startStep}`);
    this.network = network;
    this.options = Object.freeze(o);
    const dt = network.dtMs;
    this.binSteps = Math.max(1, Math.round(o.binMs / dt));
    this.binMs = this.binSteps * dt;
    this.endStepValue = o.startStep;
    this.statsStartStep = o.startStep;

    this.rate = new PopulationRate(network.neurons, network.excitatory, this.binMs, o.smoothingTauMs, Math.ceil(o.rateHistoryMs / this.binMs));
    this.detector = new BurstDetector({
      binMs: this.binMs,
      thresholdFactor: o.thresholdFactor,
      thresholdFloorHz: o.thresholdFloorHz,
      minBurstMs: o.minBurstMs,
      mergeMs: o.mergeMs,
      medianWindowMs: o.medianWindowMs,
      medianSampleMs: C.MEDIAN_SAMPLE_MS,
      medianMinMs: o.medianMinMs,
    });
    this.isi = new IsiStats(network.neurons);
    this.sync = new Synchrony(network.neurons, this.binSteps, dt, o.syncTauMs);
    this.syncStartBin = Math.ceil((C.SYNC_WARMUP_TAUS * o.syncTauMs) / this.binMs);
    this.ictal = new IctalTracker(this.binMs, o.startStep * dt);

    const layout = network.layout;
    if (layout) {
      if (layout.siteOfNeuron.length !== network.neurons) {
        throw new RangeError(`analysis: layout.siteOfNeuron has ${layout.siteOfNeuron.length} entries for ${network.neurons} neurons`);
      }
      this.recruitment = new Recruitment(
        network.neurons,
        this.binSteps,
        this.binMs,
        Math.max(0, Math.round(C.ONSET_LOOKBACK_MS / this.binMs)),
        Math.max(0, Math.round(C.ONSET_GUARD_MS / this.binMs)),
      );
      this.fitter = new WaveFitter(layout, waveFitSettings(dt));
    } else {
      this.recruitment = null;
      this.fitter = null;
    }
  }

  /** The end of the last chunk, absolute step. */
  get endStep(): number {
    return this.endStepValue;
  }

  /**
   * The spikes of steps [endStep of the previous chunk, endStep): ids[k] fired at steps[k], steps
   * non-decreasing; and, with ions, the highest [K⁺]o of any patch at the chunk's end (mM), which
   * stands for the bins completed by this chunk. Checked before anything is counted, so a bad chunk
   * changes nothing.
   */
  addChunk(ids: Uint32Array, steps: Uint32Array, endStep: number, kOutMaxMM?: number): void {
    if (this.finished) throw new Error('analysis: addChunk after finish()');
    const from = this.endStepValue;
    if (!Number.isInteger(endStep) || endStep < from) throw new RangeError(`analysis: endStep must be a whole step ≥ ${from}, got ${endStep}`);
    if (kOutMaxMM !== undefined && !(kOutMaxMM >= 0 && Number.isFinite(kOutMaxMM))) {
      throw new RangeError(`analysis: kOutMaxMM must be a finite concentration ≥ 0 mM, got ${kOutMaxMM}`);
    }
    if (ids.length !== steps.length) throw new RangeError(`analysis: ${ids.length} ids but ${steps.length} steps`);
    const n = ids.length;
    const neurons = this.network.neurons;
    let prev = from;
    for (let k = 0; k < n; k++) {
      const s = steps[k];
      if (s < prev || s >= endStep) throw new RangeError(`analysis: spike ${k} at step ${s} is outside [${prev}, ${endStep}) or out of order`);
      if (ids[k] >= neurons) throw new RangeError(`analysis: spike ${k} has neuron id ${ids[k]} ≥ ${neurons}`);
      prev = s;
    }
    if (kOutMaxMM !== undefined) this.ictal.setKOut(kOutMaxMM);

    const origin = this.options.startStep;
    const binSteps = this.binSteps;
    const excitatory = this.network.excitatory;
    const rate = this.rate;
    const isi = this.isi;
    const sync = this.sync;
    const recruitment = this.recruitment;
    let binEnd = origin + (this.bin + 1) * binSteps;
    let spikesE = 0;
    for (let k = 0; k < n; k++) {
      const step = steps[k];
      if (step >= binEnd) {
        this.completeBinsBefore(step);
        binEnd = origin + (this.bin + 1) * binSteps;
      }
      const id = ids[k];
      rate.countAll++;
      if (id < excitatory) {
        rate.countE++;
        spikesE++;
      }
      isi.add(id, step);
      sync.add(id, this.bin, step - (binEnd - binSteps));
      if (recruitment) recruitment.add(id, step);
    }
    this.completeBinsBefore(endStep);
    this.spikes += n;
    this.spikesE += spikesE;
    this.endStepValue = endStep;
  }

  /** Completes every bin that ends at or before `step`. */
  private completeBinsBefore(step: number): void {
    const origin = this.options.startStep;
    const binSteps = this.binSteps;
    while (origin + (this.bin + 1) * binSteps <= step) this.completeBin();
  }

  private completeBin(): void {
    const rate = this.rate;
    const detector = this.detector;
    const bin = this.bin;
    const spikes = rate.countAll;
    const thresholdHz = detector.thresholdHz;
    const baselineHz = detector.baselineHz;
    rate.completeBin();
    rate.record(thresholdHz);
    this.ictal.pushBin(rate.rawHz);
    this.sync.completeBin();
    const recruitment = this.recruitment;
    if (recruitment) recruitment.completeBin(bin, spikes);
    const event = detector.push(rate.smoothedHz);
    if (event === DETECTOR_OPENED) {
      if (recruitment) {
        // onset level: ONSET_LEVEL_SDS Poisson standard deviations above the baseline count, + 1
        const baseSpikes = (baselineHz * this.network.neurons * this.binMs) / 1000;
        const levelSpikes = baseSpikes + C.ONSET_LEVEL_SDS * Math.sqrt(baseSpikes) + 1;
        recruitment.open(bin, levelSpikes, this.options.startStep, baselineHz);
      }
    } else if (event === DETECTOR_CLOSED) {
      this.emitBurst();
    } else if (event === DETECTOR_REJECTED) {
      if (recruitment) recruitment.close();
    }
    this.bin = bin + 1;
    if (this.bin === this.syncStartBin) this.sync.reset(this.bin);
  }

  private emitBurst(): void {
    const d = this.detector;
    const dt = this.network.dtMs;
    const origin = this.options.startStep;
    const startStep = origin + d.closedStartBin * this.binSteps;
    const endStep = d.closedAtRunEnd ? this.endStepValue : origin + d.closedEndBin * this.binSteps;
    let onsetSite = -1;
    let speedMmPerS: number | null = null;
    const recruitment = this.recruitment;
    if (recruitment && this.fitter) {
      const fit = this.fitter.fitWave(recruitment.ids, recruitment.count, recruitment.firstStep, recruitment.onsetStep, endStep, recruitment.backgroundHz);
      onsetSite = fit.onsetSite;
      speedMmPerS = fit.speedMmPerS;
      recruitment.close();
    }
    const burst: BurstEvent = { startMs: startStep * dt, endMs: endStep * dt, peakRateHz: d.closedPeakHz, onsetSite, speedMmPerS };
    this.newBursts.push(burst);
    this.ictal.addBurst(burst);
    if (endStep > this.statsStartStep) {
      this.bursts++;
      this.burstMs += (endStep - Math.max(startStep, this.statsStartStep)) * dt;
    }
  }

  /**
   * The run is over: a burst still under way is closed — ending at the run end if the rate is still
   * above threshold — and reported if long enough. Later addChunk calls throw. The last partial bin
   * (if endStep is not on a bin boundary) counts in the rates but not in the burst detection.
   */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    const event = this.detector.finish();
    if (event === DETECTOR_CLOSED) this.emitBurst();
    else if (this.recruitment) this.recruitment.close();
    this.ictal.finish();
  }

  /** The bursts that ended since the last call, oldest first. */
  takeNewBursts(): BurstEvent[] {
    return this.newBursts.splice(0, this.newBursts.length);
  }

  /** The ictal events that ended since the last call, oldest first (their postictal ratio comes 5 s later: ictalEvents()). */
  takeNewIctalEvents(): IctalEvent[] {
    return this.ictal.takeNewEvents();
  }

  /** The ictal event under way, not yet closed (its end so far: the last raised bin); null when none. */
  ictalEventUnderWay(): { startMs: number; endMs: number; kOutPeakMM: number } | null {
    return this.ictal.eventUnderWay();
  }

  /** Copies of the ictal events of the analysed time, each with its postictal ratio as known now. */
  ictalEvents(): IctalEvent[] {
    return this.ictal.events();
  }

  /**
   * Forgets the statistics (spike counts, ISIs, synchrony sums, burst counts and time, ictal events,
   * interictal bursts, the [K⁺]o peak) from here on, e.g. to discard warm-up, keeping the clock and
   * the filters (smoothed rate, running medians, an episode under way). A burst or ictal event
   * ending later counts only its part after the reset.
   */
  resetStatistics(): void {
    this.statsStartStep = this.endStepValue;
    this.spikes = 0;
    this.spikesE = 0;
    this.bursts = 0;
    this.burstMs = 0;
    this.isi.reset();
    this.sync.reset(this.bin);
    this.ictal.resetStatistics(this.endStepValue * this.network.dtMs);
  }

  summary(): AnalysisSummary {
    const dt = this.network.dtMs;
    const { neurons, excitatory } = this.network;
    const inhibitory = neurons - excitatory;
    const timeMs = (this.endStepValue - this.statsStartStep) * dt;
    const perCellSecond = timeMs > 0 ? 1000 / timeMs : NaN;
    const d = this.detector;
    let burstMs = this.burstMs;
    if (d.inEpisode && d.confirmed && !this.finished) {
      const origin = this.options.startStep;
      const startStep = Math.max(origin + d.startBin * this.binSteps, this.statsStartStep);
      const endStep = origin + (d.lastAboveBin + 1) * this.binSteps;
      if (endStep > startStep) burstMs += (endStep - startStep) * dt;
    }
    return {
      timeMs,
      spikes: this.spikes,
      rateHz: (this.spikes / neurons) * perCellSecond,
      rateEHz: excitatory > 0 ? (this.spikesE / excitatory) * perCellSecond : NaN,
      rateIHz: inhibitory > 0 ? ((this.spikes - this.spikesE) / inhibitory) * perCellSecond : NaN,
      smoothedRateHz: this.rate.smoothedHz,
      bursts: this.bursts,
      burstRateHz: this.bursts * perCellSecond,
      burstFraction: timeMs > 0 ? Math.min(1, burstMs / timeMs) : NaN,
      inBurst: !this.finished && d.inBurst,
      cvIsi: this.isi.meanCv(),
      synchrony: this.sync.chi(this.bin - 1),
      endMs: this.endStepValue * dt,
      thresholdHz: d.thresholdHz,
      medianRateHz: d.medianHz,
      ...this.ictal.figures(timeMs),
    };
  }

  /** The smoothed population rates of the last `bins` bins (all kept, up to rateHistoryMs, if omitted). */
  rateTrace(bins?: number): RateTrace {
    const h = this.rate.history(bins);
    return { binMs: this.binMs, endMs: (this.options.startStep + this.bin * this.binSteps) * this.network.dtMs, ...h };
  }
}

function checkPositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`analysis: ${name} must be a positive number, got ${value}`);
}

function stripUndefined(o: AnalysisOptions): AnalysisOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as AnalysisOptions;
}

/**
 * "Fit the device": on a first load (no `n` in the address) the page measures how fast this
 * machine's worker steps the sheet and picks the largest network that stays live. The rule here is
 * pure (a measurement in, a size and a sentence out); the worker runs the warm-up and builds at the
 * chosen size in one call (workers/sim.worker.ts create with `fit`), so no round trip through the
 * page's busy start-up thread sits between them; src/ui/app.ts says the choice. The user's own
 * choice — `n` in the address, the Neurons field, a loaded parameter file — always wins: the rule is
 * only asked when none was made.
 */

/** A warm-up measurement of the step kernel: what one worker thread of this machine does. */
export interface SpeedSample {
  /** neurons of the network measured */
  neurons: number;
  /** steps taken and the worker time they took (the build not included), ms */
  steps: number;
  stepMs: number;
  /** worker time to build the measured network, ms */
  buildMs: number;
  /** simulation time step, ms */
  dtMs: number;
}

/** What to measure: the warm-up's size and its stepping budget. */
export interface FitRequest {
  sampleNeurons: number;
  budgetMs: number;
}

/** Neurons of the warm-up network: small enough to build and step in FIT_BUDGET_MS on a slow machine. */
export const FIT_SAMPLE_NEURONS = 2500;
/** Worker time the warm-up steps for, ms (its build comes on top: about 50 ms at FIT_SAMPLE_NEURONS). */
export const FIT_BUDGET_MS = 150;
/**
 * Real-time factor one worker thread must reach on the quiet default sheet (1.2 mM) for a size to be
 * chosen. Twice real time leaves room for what the warm-up does not see: bursts at low [Mg]o cost
 * about 1.5× the quiet sheet's step (more spikes to deliver), and on a two-core machine the page's
 * drawing takes part of the worker's core.
 */
export const FIT_REQUIRED_REALTIME = 2;
/** Sizes the rule chooses from, largest first: squares, so the sheet stays a whole grid. */
export const FIT_LADDER: readonly number[] = [10_000, 8100, 6400, 4900, 3600, 2500, 1600, 900];

export interface FitChoice {
  neurons: number;
  /** the real-time factor the measurement predicts at that size, one thread */
  predictedRealtime: number;
  /** true when the default was kept (the device keeps it live) */
  keptDefault: boolean;
  /** the page's sentence about the choice */
  message: string;
  /** the measurement it rests on */
  sample: SpeedSample;
}

/** Worker µs per neuron per step, from a warm-up sample. */
export function usPerNeuronStep(sample: Pick<SpeedSample, 'neurons' | 'steps' | 'stepMs'>): number {
  if (!(sample.steps > 0) || !(sample.neurons > 0) || !(sample.stepMs >= 0)) {
    throw new RangeError(`a speed sample needs steps > 0 and neurons > 0, got ${sample.steps} steps of ${sample.neurons} neurons`);
  }
  return (sample.stepMs * 1000) / (sample.steps * sample.neurons);
}

/**
 * Simulated ms per wall ms that one thread reaches at `neurons`, scaling the sample's cost per
 * neuron-step linearly (the sheet's in-degree does not grow with its size, so a step's work does).
 */
export function predictedRealtime(sample: Pick<SpeedSample, 'neurons' | 'steps' | 'stepMs' | 'dtMs'>, neurons: number): number {
  const stepUs = usPerNeuronStep(sample) * neurons;
  return stepUs > 0 ? (sample.dtMs * 1000) / stepUs : Number.POSITIVE_INFINITY;
}

/**
 * The largest size of FIT_LADDER, at most defaultNeurons, predicted to reach FIT_REQUIRED_REALTIME;
 * the smallest when none does (the page then runs slower than real time, and says so).
 */
export function fitNeurons(sample: SpeedSample, defaultNeurons: number, requiredRealtime = FIT_REQUIRED_REALTIME): FitChoice {
  const ladder = FIT_LADDER.filter((n) => n <= defaultNeurons);
  if (ladder.length === 0 || ladder[0] !== defaultNeurons) ladder.unshift(defaultNeurons);
  const fits = ladder.find((n) => predictedRealtime(sample, n) >= requiredRealtime);
  const neurons = fits ?? ladder[ladder.length - 1];
  const realtime = predictedRealtime(sample, neurons);
  const keptDefault = neurons === defaultNeurons;
  const count = (n: number): string => n.toLocaleString('en');
  const speed = `about ${realtime.toFixed(1)}× real time on one thread`;
  let message: string;
  if (keptDefault) {
    message = `${count(neurons)} neurons: this device keeps them live (measured: ${speed}).`;
  } else if (fits !== undefined) {
    message = `Sized to ${count(neurons)} neurons to stay live on this device (${speed}) — choose ${count(defaultNeurons)} in Neurons.`;
  } else {
    message = `Sized to ${count(neurons)} neurons, the smallest sheet: this device steps it at ${speed}, so it may run slower than real time — choose another size in Neurons.`;
  }
  return { neurons, predictedRealtime: realtime, keptDefault, message, sample };
}

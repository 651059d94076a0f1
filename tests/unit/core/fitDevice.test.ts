import { describe, expect, it } from 'vitest';
import { FIT_LADDER, FIT_REQUIRED_REALTIME, fitNeurons, predictedRealtime, usPerNeuronStep } from '../../../src/core/fitDevice';
import type { SpeedSample } from '../../../src/core/fitDevice';

/** A sample whose cost per neuron-step is usPerNeuronStepValue µs (dt 0.1 ms, 2,500 neurons). */
function sampleAt(usPerNeuronStepValue: number): SpeedSample {
  const neurons = 2500;
  const steps = 1000;
  return { neurons, steps, stepMs: (usPerNeuronStepValue * neurons * steps) / 1000, buildMs: 40, dtMs: 0.1 };
}

/** The cost per neuron-step at which `neurons` runs exactly `realtime` × real time (dt 0.1 ms = 100 µs). */
const costFor = (neurons: number, realtime: number): number => 100 / (realtime * neurons);

describe('fit the device', () => {
  it('reads a sample as µs per neuron-step and predicts the real-time factor at another size', () => {
    const sample = sampleAt(0.004);
    expect(usPerNeuronStep(sample)).toBeCloseTo(0.004, 12);
    // 10,000 neurons × 0.004 µs = 40 µs per 100 µs step: 2.5× real time; half the size, twice that
    expect(predictedRealtime(sample, 10_000)).toBeCloseTo(2.5, 9);
    expect(predictedRealtime(sample, 5000)).toBeCloseTo(5, 9);
  });

  it('keeps the default when the device is fast enough, and says so', () => {
    const choice = fitNeurons(sampleAt(costFor(10_000, FIT_REQUIRED_REALTIME * 1.01)), 10_000);
    expect(choice.neurons).toBe(10_000);
    expect(choice.keptDefault).toBe(true);
    expect(choice.message).toMatch(/^10,000 neurons: this device keeps them live \(measured: about 2\.0× real time on one thread\)\.$/);
  });

  it('chooses the largest size of the ladder that stays live, and names the default to go back to', () => {
    // just too slow for 8,100, just fast enough for 6,400
    const choice = fitNeurons(sampleAt(costFor(6400, FIT_REQUIRED_REALTIME * 1.05)), 10_000);
    expect(choice.neurons).toBe(6400);
    expect(choice.keptDefault).toBe(false);
    expect(choice.predictedRealtime).toBeGreaterThanOrEqual(FIT_REQUIRED_REALTIME);
    expect(predictedRealtime(choice.sample, 8100)).toBeLessThan(FIT_REQUIRED_REALTIME);
    expect(choice.message).toBe('Sized to 6,400 neurons to stay live on this device (about 2.1× real time on one thread) — choose 10,000 in Neurons.');
  });

  it('a device too slow for every size gets the smallest, with a warning that it may lag', () => {
    const choice = fitNeurons(sampleAt(costFor(900, 0.5)), 10_000);
    expect(choice.neurons).toBe(FIT_LADDER[FIT_LADDER.length - 1]);
    expect(choice.message).toMatch(/the smallest sheet: .* may run slower than real time/);
  });

  it('never goes above the size asked for, and a size off the ladder is tried first', () => {
    const fast = sampleAt(1e-6);
    expect(fitNeurons(fast, 4900).neurons).toBe(4900);
    expect(fitNeurons(fast, 5000).neurons).toBe(5000);
    // 5,000 too slow: the ladder below it
    expect(fitNeurons(sampleAt(costFor(4900, FIT_REQUIRED_REALTIME * 1.01)), 5000).neurons).toBe(4900);
  });

  it('refuses an empty sample by name', () => {
    expect(() => usPerNeuronStep({ neurons: 2500, steps: 0, stepMs: 1 })).toThrow(/steps > 0/);
  });
});

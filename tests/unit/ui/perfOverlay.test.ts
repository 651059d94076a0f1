import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/protocol/types';
import { formatPerf, PerfMeter } from '../../../src/ui/perfOverlay';

function frame(spikes: number, simMs: number, workMs: number, threads = 1): Frame {
  return {
    startStep: 0,
    endStep: simMs * 10,
    dtMs: 0.1,
    spikeIds: new Uint32Array(spikes),
    spikeSteps: new Uint32Array(spikes),
    vMV: new Float32Array(0),
    rateEHz: new Float32Array(0),
    rateIHz: new Float32Array(0),
    probeSamples: new Float32Array(0),
    workerStepMs: workMs * 0.8,
    workerPackMs: workMs * 0.2,
    workerThreads: threads,
  } as unknown as Frame;
}

describe('performance overlay', () => {
  it('sums the last second: worker ms per simulated ms and spikes per second across the boundary', () => {
    const meter = new PerfMeter();
    meter.add(frame(1000, 20, 50), 0); // falls out of the window
    for (let k = 0; k < 10; k++) meter.add(frame(300, 20, 5), 1000 + k * 100);
    const f = meter.figures(1950, 4.2, 58);
    expect(f.workerMsPerSimMs).toBeCloseTo(0.25, 9);
    expect(f.spikesPerS).toBe(3000);
    expect(f.framesPerS).toBe(10);
    expect(f.renderMs).toBe(4.2);
    const lines = formatPerf(f);
    expect(lines[0]).toBe('worker 0.25 ms per simulated ms (one thread)');
    expect(lines[1]).toBe('render 4.2 ms per frame');
    expect(lines[2]).toBe('58 fps');
    expect(lines[3]).toBe('3,000 spikes/s across the worker boundary');
  });

  it('says how many threads stepped the latest frame', () => {
    const meter = new PerfMeter();
    meter.add(frame(10, 20, 5, 1), 0);
    meter.add(frame(10, 20, 5, 2), 100);
    expect(formatPerf(meter.figures(150, 1, 60))[0]).toBe('worker 0.25 ms per simulated ms (two threads)');
  });
});

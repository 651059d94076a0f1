/**
 * The real worker file in Node through @vitest/web-worker (same module, same Comlink wire, native
 * structured clone with transfer): the worker API itself, without the client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation';
import { runSweep } from '../../src/experiments/sweep';
import type { Frame, SweepProgress } from '../../src/protocol/types';
import { blockTrace, endStarted, joinSpikes, openWorker, sameBytes, smallSheet } from './support';
import * as Comlink from 'comlink';

afterEach(endStarted);

describe('sim.worker', () => {
  it('creates the network and transfers its layout', async () => {
    const api = openWorker();
    const built = await api.create(smallSheet());
    expect(built.summary.neurons).toBe(400);
    expect(built.excitatory).toBe(320);
    expect(built.width * built.height).toBeGreaterThanOrEqual(400);
    expect(built.siteOfNeuron).toBeInstanceOf(Uint32Array);
    expect(built.siteOfNeuron.length).toBe(400);
    expect(built.live.mgOutMM).toBe(1.2);
    expect(built.rateBinMs).toBeCloseTo(1, 12);
  });

  it('streams frames whose buffers are transferred: detached on the worker side', async () => {
    const api = openWorker();
    await api.create(smallSheet());
    await api.setProbes([3, 350]);
    const frame = await api.advance({ durationMs: 50, wantVoltages: true });
    expect(frame.startStep).toBe(0);
    expect(frame.endStep).toBe(500);
    expect(frame.spikeIds.length).toBeGreaterThan(0);
    expect(frame.spikeSteps.length).toBe(frame.spikeIds.length);
    expect(frame.vMV.length).toBe(400);
    expect(frame.rateEHz.length).toBe(50);
    expect(frame.probeSampleCount).toBe(500);
    expect(frame.probeSamples.length).toBe(500 * 2 * 3);
    expect(Array.from(frame.probeIds)).toEqual([3, 350]);
    for (const a of [frame.spikeIds, frame.spikeSteps, frame.rateEHz, frame.vMV, frame.probeSamples]) {
      expect(a.buffer).toBeInstanceOf(ArrayBuffer);
      expect(a.byteLength).toBeGreaterThan(0);
    }
    // the sheet's ions move: the frame carries its [K+]o per patch, transferred too (the 8th buffer)
    expect(frame.ions).not.toBeNull();
    expect(frame.ions!.kOutMM.length).toBe(frame.ions!.patchCols * frame.ions!.patchRows);
    expect(frame.ions!.kOutMaxMM).toBeGreaterThanOrEqual(frame.ions!.kOutMeanMM);
    const report = await api.inspectLastTransfer();
    expect(report.buffers).toBe(8);
    expect(report.detached).toBe(8);
    expect(report.byteLengths).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // the population rate bins count exactly the frame's spikes
    const eSpikes = Array.from(frame.spikeIds).filter((id) => id < 320).length;
    const eFromBins = Array.from(frame.rateEHz).reduce((s, hz) => s + hz * 320 * 0.001, 0);
    expect(eFromBins).toBeCloseTo(eSpikes, 3);
    expect(frame.analysis.timeMs).toBeCloseTo(50, 9);
    expect(frame.workerStepMs).toBeGreaterThan(0);
    expect(frame.workerPackMs).toBeGreaterThanOrEqual(0);
  });

  it('gives spikes bit-identical to the core run in-process with the same seed', async () => {
    const api = openWorker();
    await api.create(smallSheet(7));
    const frames: Frame[] = [];
    for (const ms of [7, 13, 0, 30.3, 50, 99.7]) frames.push(await api.advance({ durationMs: ms, wantVoltages: false }));
    const fromWorker = joinSpikes(frames);

    const sim = Simulation.create(smallSheet(7));
    sim.advance(2000);
    const inProcess = sim.spikes.drain();
    expect(fromWorker.ids.length).toBeGreaterThan(150); // enough spikes for the comparison to mean something
    expect(sameBytes(fromWorker.ids, inProcess.ids)).toBe(true);
    expect(sameBytes(fromWorker.steps, inProcess.steps)).toBe(true);

    // the comparison can fail: another seed gives another train
    const other = Simulation.create(smallSheet(8));
    other.advance(2000);
    expect(sameBytes(fromWorker.ids, other.spikes.drain().ids)).toBe(false);
  });

  it('applies a live [Mg]o change from the first step of the next chunk', async () => {
    const api = openWorker();
    await api.create(smallSheet());
    await api.setProbes([5]);
    const before = await api.advance({ durationMs: 20, wantVoltages: false });
    expect(before.live.mgOutMM).toBe(1.2);
    expect(Math.max(...blockTrace(before))).toBeLessThan(0.5); // strongly blocked near rest at 1.2 mM
    const live = await api.setLive({ mgOutMM: 0 });
    expect(live.mgOutMM).toBe(0);
    const after = await api.advance({ durationMs: 20, wantVoltages: false });
    expect(after.live.mgOutMM).toBe(0);
    expect(after.startStep).toBe(before.endStep);
    expect(blockTrace(after)).toEqual(new Array(200).fill(1)); // no Mg, no block: B = 1 at every step
  });

  it('applies live parameters carried by an advance before its first step, and a bad one before anything changes', async () => {
    const api = openWorker();
    await api.create(smallSheet());
    await api.setProbes([5]);
    const before = await api.advance({ durationMs: 20, wantVoltages: false });
    await expect(api.advance({ durationMs: 20, wantVoltages: false, live: { mgOutMM: -1 } })).rejects.toThrow(/live\.mgOutMM = -1/);
    const after = await api.advance({ durationMs: 20, wantVoltages: false, live: { mgOutMM: 0 } });
    expect(after.startStep).toBe(before.endStep); // the refused call stepped nothing
    expect(after.live.mgOutMM).toBe(0);
    expect(blockTrace(after)).toEqual(new Array(200).fill(1)); // unblocked from the chunk's first step
    expect(after.workerIdleMs).toBeGreaterThanOrEqual(0);
  });

  it('sizes a network to the device: measures a warm-up network, then builds at the chosen size', async () => {
    const api = openWorker();
    const sample = await api.measureSpeed(smallSheet(), 20);
    expect(sample.neurons).toBe(400);
    expect(sample.steps).toBeGreaterThan(0);
    expect(sample.stepMs).toBeGreaterThan(0);
    const fast = await api.create({ ...smallSheet(), neurons: 900 }, { sampleNeurons: 400, budgetMs: 20 });
    expect(fast.fit).not.toBeNull();
    expect(fast.summary.neurons).toBe(fast.fit!.neurons);
    expect(fast.fit!.neurons).toBeLessThanOrEqual(900);
    expect(fast.fit!.sample.neurons).toBe(400);
    expect((await api.create(smallSheet())).fit).toBeNull();
    await expect(api.create(smallSheet(), { sampleNeurons: 5, budgetMs: 20 })).rejects.toThrow(/fit\.sampleNeurons = 5/);
  });

  it('rejects invalid parameters with a message naming the field, and keeps its state', async () => {
    const api = openWorker();
    await api.create(smallSheet(3));
    const first = await api.advance({ durationMs: 20, wantVoltages: false });

    await expect(api.setLive({ mgOutMM: Number.NaN })).rejects.toThrow(/live\.mgOutMM = NaN/);
    await expect(api.setLive({ mgOutMM: -0.5 })).rejects.toThrow(/live\.mgOutMM = -0\.5 is not allowed/);
    await expect(api.setLive({ driveRateHz: 2, gGabaScale: -1 })).rejects.toThrow(/live\.gGabaScale/);
    await expect(api.setLive({ mgOutMMM: 1 } as never)).rejects.toThrow(/live\.mgOutMMM/);
    await expect(api.advance({ durationMs: Number.NaN, wantVoltages: false })).rejects.toThrow(/durationMs = NaN/);
    await expect(api.advance({ durationMs: -5, wantVoltages: false })).rejects.toThrow(/durationMs/);
    await expect(api.setProbes([400])).rejects.toThrow(/probes\[0\] = 400/);
    await expect(api.reset(-1)).rejects.toThrow(/seed = -1/);
    await expect(api.create({ ...smallSheet(), neurons: -5 })).rejects.toThrow(/neurons = -5/);
    const error = await api.setLive({ mgOutMM: -1 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ParameterError');

    const second = await api.advance({ durationMs: 20, wantVoltages: false });
    expect(second.startStep).toBe(first.endStep);
    expect(second.live).toEqual(first.live);
    expect(second.live.driveRateHz).toBe(1); // the rejected update applied none of its fields
    // and the run is the run without the bad calls, bit for bit
    const sim = Simulation.create(smallSheet(3));
    sim.advance(400);
    const expected = sim.spikes.drain();
    const got = joinSpikes([first, second]);
    expect(got.ids.length).toBeGreaterThan(0);
    expect(sameBytes(got.ids, expected.ids) && sameBytes(got.steps, expected.steps)).toBe(true);
  });

  it('restarts the running statistics on request, keeping the clock', async () => {
    const api = openWorker();
    await api.create(smallSheet());
    const a = await api.advance({ durationMs: 30, wantVoltages: false });
    expect(a.analysis.timeMs).toBeCloseTo(30, 9);
    expect(a.analysis.spikes).toBe(a.spikeIds.length);
    await api.resetStatistics();
    const b = await api.advance({ durationMs: 20, wantVoltages: false });
    expect(b.startStep).toBe(a.endStep);
    expect(b.analysis.timeMs).toBeCloseTo(20, 9);
    expect(b.analysis.spikes).toBe(b.spikeIds.length);
  });

  it('rejects calls before create with a clear message', async () => {
    const api = openWorker();
    await expect(api.advance({ durationMs: 1, wantVoltages: false })).rejects.toThrow(/call create/);
  });

  it('reset rebuilds with the same config, the present live parameters and probes', async () => {
    const api = openWorker();
    await api.create(smallSheet(4));
    await api.setProbes([9]);
    await api.setLive({ mgOutMM: 0.3 });
    const a = await api.advance({ durationMs: 30, wantVoltages: false });
    const rebuilt = await api.reset();
    expect(rebuilt.config.seed).toBe(4);
    expect(rebuilt.live.mgOutMM).toBe(0.3);
    const b = await api.advance({ durationMs: 30, wantVoltages: false });
    expect(b.startStep).toBe(0);
    expect(Array.from(b.probeIds)).toEqual([9]);
    expect(sameBytes(a.spikeIds, b.spikeIds)).toBe(true); // same seed, same live parameters, same run
    const reseeded = await api.reset(5);
    expect(reseeded.config.seed).toBe(5);
    const c = await api.advance({ durationMs: 30, wantVoltages: false });
    expect(sameBytes(a.spikeIds, c.spikeIds)).toBe(false);
  });

  it('runs the [Mg]o sweep with progress, matching the in-process sweep', async () => {
    const api = openWorker();
    const request = { config: smallSheet(2), mgListMM: [1.2, 0.6, 0], durationMs: 150, warmupMs: 20 };
    const progress: SweepProgress[] = [];
    const result = await api.runSweep(request, Comlink.proxy((p: SweepProgress) => void progress.push(p)));
    expect(result.cancelled).toBe(false);
    expect(result.rows.map((r) => r.mgOutMM)).toEqual([1.2, 0.6, 0]);
    expect(result.rows[2].rateEHz).toBeGreaterThan(result.rows[0].rateEHz); // less Mg, more firing
    await new Promise((r) => setTimeout(r, 10)); // the last progress message is on its way
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.filter((p) => p.row).map((p) => p.pointIndex)).toEqual([0, 1, 2]);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(fractions.at(-1)).toBe(1);

    const local = await runSweep(request);
    expect(local.rows).toEqual(result.rows);
  });

  it('cancels a running sweep between chunks and stays usable', async () => {
    const api = openWorker();
    await api.create(smallSheet());
    const request = { config: smallSheet(), mgListMM: [1.2, 1, 0.8, 0.6, 0.4, 0.2, 0], durationMs: 5000, warmupMs: 0 };
    let seen = 0;
    const running = api.runSweep(
      request,
      Comlink.proxy(() => {
        if (++seen === 2) void api.cancelSweep();
      }),
    );
    const t0 = performance.now();
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.rows.length).toBeLessThan(request.mgListMM.length);
    expect(performance.now() - t0).toBeLessThan(5000); // far less than the seven 5 s points would take
    const frame = await api.advance({ durationMs: 5, wantVoltages: false });
    expect(frame.startStep).toBe(0);
    await expect(api.runSweep({ ...request, mgListMM: [-1] })).rejects.toThrow(/mgListMM\[0\] = -1/);
  });
});

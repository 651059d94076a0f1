/**
 * The same worker file as a real module worker in headless Chromium (vitest browser mode): real
 * threads, real transfer, real terminate.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation';
import type { Frame, SimStatus, SweepProgress } from '../../src/protocol/types';
import { blockTrace, endStarted, joinSpikes, makeClient, openWorker, sameBytes, sleep, smallSheet, startBrokenWorker } from './support';

afterEach(endStarted);

describe('sim.worker in Chromium', () => {
  it('runs in a real worker thread', async () => {
    expect(typeof window).toBe('object');
    const api = openWorker();
    const built = await api.create(smallSheet());
    expect(built.siteOfNeuron.length).toBe(400);
  });

  it('transfers every frame buffer: real ArrayBuffers here, detached in the worker', async () => {
    const api = openWorker();
    await api.create(smallSheet());
    await api.setProbes([0, 1, 2]);
    const frame = await api.advance({ durationMs: 40, wantVoltages: true });
    expect(frame.ions, 'the sheet moves its ions: the frame carries [K+]o per patch').not.toBeNull();
    const arrays = [frame.spikeIds, frame.spikeSteps, frame.rateEHz, frame.rateIHz, frame.vMV, frame.probeIds, frame.probeSamples, frame.ions!.kOutMM];
    for (const a of arrays) {
      expect(Object.prototype.toString.call(a.buffer)).toBe('[object ArrayBuffer]');
      expect(a.byteOffset).toBe(0);
      expect(a.byteLength).toBe(a.buffer.byteLength);
      expect(a.byteLength).toBeGreaterThan(0);
    }
    expect(new Set(arrays.map((a) => a.buffer)).size).toBe(8); // eight separate buffers
    const report = await api.inspectLastTransfer();
    expect(report).toEqual({ buffers: 8, byteLengths: [0, 0, 0, 0, 0, 0, 0, 0], detached: 8 });
  });

  it('gives spikes bit-identical to the core run on the page with the same seed', async () => {
    const api = openWorker();
    await api.create(smallSheet(21));
    const frames: Frame[] = [];
    for (const ms of [16.6, 16.7, 33.4, 50, 83.3]) frames.push(await api.advance({ durationMs: ms, wantVoltages: false }));
    const fromWorker = joinSpikes(frames);
    const total = frames.at(-1)!.endStep;
    const sim = Simulation.create(smallSheet(21));
    sim.advance(total);
    const onPage = sim.spikes.drain();
    expect(fromWorker.ids.length).toBeGreaterThan(100); // enough spikes for the comparison to mean something
    expect(sameBytes(fromWorker.ids, onPage.ids)).toBe(true);
    expect(sameBytes(fromWorker.steps, onPage.steps)).toBe(true);
  });

  it('steps half the network on a helper thread (the page is cross-origin isolated), with the same spikes as one thread', async () => {
    expect(crossOriginIsolated).toBe(true);
    const api = openWorker();
    const config = smallSheet(7, 1600);
    config.live.mgOutMM = 0;
    await api.create(config);
    expect(await api.setThreads('two')).toBe(true);
    const frames: Frame[] = [];
    const advanceUntil = async (threads: number, count: number) => {
      let seen = 0;
      for (let k = 0; k < 200 && seen < count; k++) {
        const frame = await api.advance({ durationMs: 16.7, wantVoltages: false });
        frames.push(frame);
        if (frame.workerThreads === threads) seen++;
      }
      return seen;
    };
    // the helper answers within a few frames, then steps slice 1 in every frame
    expect(await advanceUntil(2, 8)).toBe(8);
    await api.setThreads('one');
    expect(await advanceUntil(1, 3)).toBe(3);
    expect(frames.at(-1)!.workerThreads).toBe(1);
    await api.setThreads('two'); // the same helper, attached again to the same network
    expect(await advanceUntil(2, 4)).toBe(4);
    await expect(api.setThreads('three' as never)).rejects.toThrow(/threads/);

    const fromWorker = joinSpikes(frames);
    const sim = Simulation.create(config);
    sim.advance(frames.at(-1)!.endStep);
    const onPage = sim.spikes.drain();
    expect(fromWorker.ids.length).toBeGreaterThan(1000);
    expect(sameBytes(fromWorker.ids, onPage.ids)).toBe(true);
    expect(sameBytes(fromWorker.steps, onPage.steps)).toBe(true);
  });

  it('takes a live [Mg]o change in the next chunk and survives bad values with its state', async () => {
    const api = openWorker();
    await api.create(smallSheet());
    await api.setProbes([7]);
    const a = await api.advance({ durationMs: 10, wantVoltages: false });
    await expect(api.setLive({ mgOutMM: Number.NaN })).rejects.toThrow(/live\.mgOutMM = NaN/);
    await expect(api.setLive({ mgOutMM: -2 })).rejects.toThrow(/live\.mgOutMM = -2/);
    const b = await api.advance({ durationMs: 10, wantVoltages: false });
    expect(b.startStep).toBe(a.endStep);
    expect(b.live.mgOutMM).toBe(1.2);
    expect(Math.max(...blockTrace(b))).toBeLessThan(0.5);
    await api.setLive({ mgOutMM: 0 });
    const c = await api.advance({ durationMs: 10, wantVoltages: false });
    expect(c.live.mgOutMM).toBe(0);
    expect(blockTrace(c)).toEqual(new Array(100).fill(1));
  });

  it('sweeps in a second worker with progress while the live network streams, and cancels', async () => {
    const { client, started } = makeClient();
    await client.create(smallSheet());
    const progress: SweepProgress[] = [];
    let liveFrames = 0;
    const sweep = client.runSweep(
      // long enough per point (≈ 0.1–0.5 s of wall time with the fast kernel) for progress between rows and live frames
      { config: smallSheet(2), mgListMM: [1.2, 0.9, 0.6, 0.3, 0.1, 0], durationMs: 4000, warmupMs: 0 },
      (p) => {
        progress.push(p);
        if (p.row && p.pointIndex === 1) client.cancelSweep();
      },
    );
    expect(started.length).toBe(2);
    while (client.sweepRunning) {
      if (await client.pull()) liveFrames++;
      await sleep(5);
    }
    const result = await sweep;
    expect(result.cancelled).toBe(true);
    expect(result.rows.map((r) => r.mgOutMM)).toEqual([1.2, 0.9]);
    expect(liveFrames).toBeGreaterThan(0);
    expect(progress.filter((p) => !p.row).length).toBeGreaterThan(0);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    const seen = progress.length;
    await sleep(300);
    expect(progress.length).toBe(seen); // the sweep worker is gone
  });

  it('reports a terminated worker and restarts it with the last good parameters', async () => {
    const { client, started } = makeClient({ callTimeoutMs: 1000 });
    const statuses: SimStatus[] = [];
    client.onStatus((s) => statuses.push(s));
    await client.create(smallSheet(5));
    await client.setLive({ mgOutMM: 0.5 });
    await client.pull();
    started[0].terminate();
    await expect(client.pull()).rejects.toThrow(/did not answer within 1000 ms/);
    expect(statuses.map((s) => s.kind)).toEqual(['dead']);
    const rebuilt = await client.restart();
    expect(started.length).toBe(2);
    expect(statuses.map((s) => s.kind)).toEqual(['dead', 'restarted']);
    expect(rebuilt.config.seed).toBe(5);
    const frame = await client.pull();
    expect(frame!.live.mgOutMM).toBe(0.5);
  });

  it('notices a worker gone without an error event within about 2 s, and never a long build or step', async () => {
    // a tight watch: a build of 100,000 cells and a 200 ms step of them each take far longer than
    // 200 ms, acknowledged at once and then silent until they end
    const clock = { ms: 0, now: () => clock.ms };
    const tight = makeClient({ heartbeatTimeoutMs: 200, pingEveryMs: 50, maxStepMsPerPull: 1e6, now: clock.now });
    const statuses: SimStatus[] = [];
    tight.client.onStatus((s) => statuses.push(s));
    let t0 = performance.now();
    const built = await tight.client.create(smallSheet(1, 100_000));
    const buildMs = performance.now() - t0;
    await tight.client.pull();
    clock.ms += 1000; // owes the most one pull may take: 200 ms
    t0 = performance.now();
    const frame = (await tight.client.pull())!;
    const stepMs = performance.now() - t0;
    console.log(`100,000 cells: built in ${Math.round(buildMs)} ms, ${(frame.endStep - frame.startStep) * frame.dtMs} ms stepped in ${Math.round(stepMs)} ms, no false alarm`);
    expect(built.summary.neurons).toBe(100_000);
    expect(buildMs).toBeGreaterThan(1000);
    expect(stepMs).toBeGreaterThan(400);
    expect(statuses).toEqual([]);
    tight.client.terminate();

    // the page's own watch, and a worker that goes away
    const { client, started } = makeClient();
    client.onStatus((s) => statuses.push(s));
    await client.create(smallSheet(2));
    await client.pull();
    started[0].terminate();
    t0 = performance.now();
    await expect(client.pull()).rejects.toThrow(/stopped answering/);
    const noticedMs = performance.now() - t0;
    console.log(`a silent worker death noticed after ${Math.round(noticedMs)} ms`);
    expect(noticedMs).toBeLessThan(2500);
    expect(statuses.map((s) => s.kind)).toEqual(['dead']);
    expect((await client.restart()).config.seed).toBe(2);
  });

  it('reports a worker whose script fails, with the worker message', async () => {
    const statuses: SimStatus[] = [];
    const { client } = makeClient({}, startBrokenWorker);
    client.onStatus((s) => statuses.push(s));
    await expect(client.create(smallSheet())).rejects.toThrow(/The simulation worker failed/);
    expect(statuses.map((s) => s.kind)).toEqual(['dead']);
    expect(statuses[0].message).toMatch(/failed on load/);
  });

  it('passes a Comlink proxy for progress straight to the worker API', async () => {
    const api = openWorker();
    const progress: SweepProgress[] = [];
    const result = await api.runSweep(
      { config: smallSheet(3), mgListMM: [1, 0.2], durationMs: 100, warmupMs: 10 },
      Comlink.proxy((p: SweepProgress) => void progress.push(p)),
    );
    expect(result.rows.length).toBe(2);
    await sleep(50);
    expect(progress.filter((p) => p.row).length).toBe(2);
  });
});

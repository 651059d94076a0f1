/**
 * The worker's session recording for the page's NWB download (takeRecording, src/export/
 * sessionRecording.ts): every spike the frames carried, the live changes at their steps, the ion
 * bath every 100 ms of frames, and a fresh recording after a rebuild.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Frame } from '../../src/protocol/types';
import { endStarted, joinSpikes, openWorker, smallSheet } from './support';

afterEach(endStarted);

describe('sim.worker takeRecording', () => {
  it('holds every spike of the frames, the live changes and the ion samples since the build', async () => {
    const api = openWorker();
    await api.create(smallSheet());
    const frames: Frame[] = [];
    for (let k = 0; k < 3; k++) frames.push(await api.advance({ durationMs: 50, wantVoltages: false }));
    await api.setLive({ mgOutMM: 0 });
    frames.push(await api.advance({ durationMs: 70, wantVoltages: false }));
    const taken = await api.takeRecording();
    const { ids, steps } = joinSpikes(frames);
    expect(ids.length).toBeGreaterThan(50);
    expect(Array.from(taken.run.spikeIds)).toEqual(Array.from(ids));
    expect(Array.from(taken.run.spikeSteps)).toEqual(Array.from(steps));
    expect(taken.run.durationSteps).toBe(2200);
    expect(taken).toMatchObject({ droppedSpikes: 0, startMs: 0, endMs: 220 });
    expect(taken.run.liveHistory).toEqual([{ timeMs: 150, params: { mgOutMM: 0 } }]);
    // the sheet has ions on: sampled at the build, then at the end of the first frame at or past each 100 ms
    expect(Array.from(taken.run.ionTraces!.timesMs)).toEqual([0, 100, 220]); // frames end at 50, 100, 150, 220 ms
    expect(taken.run.ionTraces!.kOutMeanMM[0]).toBe(3.5);
    expect(taken.run.layout.siteOfNeuron.length).toBe(400);

    // taking it does not end it; a rebuild starts a new one
    const more = await api.advance({ durationMs: 20, wantVoltages: false });
    const again = await api.takeRecording();
    expect(again.run.spikeIds.length).toBe(ids.length + more.spikeIds.length);
    await api.reset();
    const fresh = await api.takeRecording();
    expect(fresh.run.spikeIds.length).toBe(0);
    expect(fresh.endMs).toBe(0);
    expect(fresh.run.liveAtStart!.mgOutMM).toBe(0); // reset keeps the live parameters it had
  });
});

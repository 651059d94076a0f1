import { describe, expect, it } from 'vitest';
import { AnnouncePolicy, BURST_QUIET_MS, BURST_SUMMARY_MS, MG_SETTLE_MS } from '../../../src/ui/announcer';
import { describeSnapshot } from '../../../src/ui/describe';
import { emptySnapshot } from '../../../src/ui/liveSnapshot';
import type { LiveSnapshot } from '../../../src/ui/liveSnapshot';

const running = (patch: Partial<LiveSnapshot> = {}): LiveSnapshot => emptySnapshot({ phase: 'running', builds: 1, ...patch });

/** Feeds snapshots every 500 ms of real time; returns what was said, with the time. */
function feed(policy: AnnouncePolicy, snapshots: LiveSnapshot[], startMs = 0, mgFocused = false): [number, string][] {
  const said: [number, string][] = [];
  snapshots.forEach((s, k) => {
    const text = policy.next(s, startMs + k * 500, mgFocused);
    if (text) said.push([startMs + k * 500, text]);
  });
  return said;
}

describe('the announcer says what changed, not every frame', () => {
  it('is silent while only the numbers of a steady network change', () => {
    const policy = new AnnouncePolicy();
    const steady = Array.from({ length: 60 }, (_, k) => running({ timeMs: k * 500, rateHz: 1 + (k % 7) * 0.3 }));
    expect(feed(policy, steady)).toEqual([]);
  });

  it('says a network is ready, and that a rebuild cleared the probes', () => {
    const policy = new AnnouncePolicy();
    const said = feed(policy, [
      emptySnapshot({ phase: 'building' }),
      running({ neurons: 2500 }),
      running({ neurons: 2500, probes: 2 }),
      running({ phase: 'building', neurons: 2500, probes: 2 }),
      running({ builds: 2, neurons: 4000, probes: 0 }),
    ]);
    expect(said.map(([, t]) => t)).toEqual([
      'Network ready: 2,500 neurons, [Mg]o 1.20 mM.',
      'Network ready: 4,000 neurons, [Mg]o 1.20 mM. Probes cleared.',
    ]);
  });

  it('says a new [Mg]o once it has settled, with its landmark, unless the slider has focus', () => {
    const drag = [1.2, 1.0, 0.8, 0.6, 0.4, 0.4, 0.4, 0.4].map((mg) => running({ mgOutMM: mg }));
    const said = feed(new AnnouncePolicy(), drag);
    expect(said).toHaveLength(1);
    expect(said[0][1]).toBe('[Mg]o 0.40 millimolar, severe hypomagnesaemia.');
    // said once the value stood still for MG_SETTLE_MS: at 0.4 from 2000 ms, said at 3000
    expect(said[0][0]).toBeGreaterThanOrEqual(2000 + MG_SETTLE_MS);
    expect(feed(new AnnouncePolicy(), drag, 0, true)).toEqual([]);
  });

  it('says the first burst, then at most one summary per BURST_SUMMARY_MS, then that they stopped', () => {
    const policy = new AnnouncePolicy();
    const snapshots: LiveSnapshot[] = [running({ mgOutMM: 0 })];
    // 40 s of bursts, one a second (a burst under way every other sample), then 15 s of quiet
    let bursts = 0;
    for (let k = 1; k <= 80; k++) {
      const inBurst = k % 2 === 1;
      if (!inBurst) bursts++;
      snapshots.push(running({ mgOutMM: 0, timeMs: k * 500, bursts, inBurst }));
    }
    for (let k = 81; k <= 110; k++) snapshots.push(running({ mgOutMM: 0, timeMs: k * 500, bursts }));
    const said = feed(policy, snapshots);
    expect(said[0][1]).toBe('A population burst, at 0.5 s.');
    const summaries = said.filter(([, t]) => t.startsWith('Still bursting'));
    expect(summaries.length).toBe(Math.floor((40_000 - 500) / BURST_SUMMARY_MS));
    expect(said[said.length - 1][1]).toBe('The bursts have stopped.');
    expect(said[said.length - 1][0] - 40_000).toBeGreaterThanOrEqual(BURST_QUIET_MS - 500);
    expect(said.length).toBe(2 + summaries.length);
  });

  it('says an ictal event once when it begins, with its onset and [K⁺]o, and once when it ends', () => {
    const policy = new AnnouncePolicy();
    const before = Array.from({ length: 4 }, (_, k) => running({ timeMs: k * 500, kOutMaxMM: 4 + k }));
    const during = Array.from({ length: 40 }, (_, k) => running({ timeMs: 5000 + k * 500, inIctalEvent: true, ictalOnsetMs: 3300, kOutMaxMM: 9.8 + k * 0.05 }));
    const after = Array.from({ length: 4 }, (_, k) => running({ timeMs: 25_000 + k * 500, ictalEvents: 1, kOutMaxMM: 8 }));
    const said = feed(policy, [...before, ...during, ...after]).map(([, text]) => text);
    expect(said).toEqual([
      'An ictal event began at 3.3 s: the whole sheet fires without pause, [K⁺]o up to 9.8 mM.',
      'The ictal event ended at 25.0 s, after about 22 s; a quiet postictal spell follows.',
    ]);
    // a rebuild during an event starts afresh: the new network's event is said again
    const again = new AnnouncePolicy();
    const rebuilt = feed(again, [running(), running({ inIctalEvent: true, ictalOnsetMs: 2000 }), running({ builds: 2 }), running({ builds: 2, inIctalEvent: true, ictalOnsetMs: 2100 })]);
    expect(rebuilt.filter(([, t]) => t.includes('ictal event began'))).toHaveLength(2);
  });

  it('says a sweep start and its end, once each', () => {
    const phases = ['idle', 'running', 'running', 'running', 'done', 'done'] as const;
    const said = feed(new AnnouncePolicy(), phases.map((sweep) => running({ sweep })));
    expect(said.map(([, t]) => t)).toEqual(['The sweep started.', 'The sweep finished; its plot is under the progress bar.']);
  });
});

describe('describe', () => {
  it('puts a running sheet into words: network, time, [Mg]o, firing, bursts, block, probes', () => {
    const text = describeSnapshot(
      running({ neurons: 10_000, timeMs: 12_345, mgOutMM: 0.4, rateHz: 6.25, bursts: 3, medianVMV: -61.6, medianBlock: 0.083, probes: 1, kOutMaxMM: 5.43 }),
    );
    expect(text).toBe(
      'The cortical sheet of 10,000 neurons runs: 12.3 seconds of simulated time. [Mg]o is 0.40 millimolar (severe hypomagnesaemia). ' +
        'The cells fire briskly: 6.3 spikes per second per cell on average; 3 population bursts so far. ' +
        "At the cells' median membrane potential, -62 millivolts, 8.3 percent of NMDA channels are unplugged. " +
        'Ion concentrations move (bath [K⁺] 3.5 millimolar, [Ca²⁺]o 2.0 millimolar): the highest extracellular potassium is 5.4 millimolar; no ictal event so far. ' +
        'Following 1 neuron in the probe view.',
    );
  });

  it('says whether the ions move, the highest [K⁺]o and the ictal events', () => {
    expect(describeSnapshot(running({ kOutMaxMM: 11.94, inIctalEvent: true, ictalOnsetMs: 3300 }))).toContain(
      'Ion concentrations move (bath [K⁺] 3.5 millimolar, [Ca²⁺]o 2.0 millimolar): the highest extracellular potassium is 11.9 millimolar; an ictal event is under way since 3.3 seconds.',
    );
    expect(describeSnapshot(running({ kOutMaxMM: 4.1, ictalEvents: 2 }))).toContain('; 2 ictal events so far.');
    expect(describeSnapshot(running({ ionsOn: false, kBathMM: 8.5 }))).toContain('Ion concentrations are held fixed (bath [K⁺] 8.5 millimolar');
  });

  it('says a burst under way, a pause, a build and a stop', () => {
    expect(describeSnapshot(running({ inBurst: true, bursts: 1, paused: true }))).toMatch(/paused\..*a population burst is under way now, 1 burst so far/);
    expect(describeSnapshot(emptySnapshot({ phase: 'building', neurons: 1500 }))).toBe(
      'The cortical sheet of 1,500 neurons is being built. [Mg]o is 1.20 millimolar (normal ACSF).',
    );
    expect(describeSnapshot(running({ phase: 'error' }))).toMatch(/^The simulation has stopped/);
    expect(describeSnapshot(running({ preset: 'coba', neurons: 4000, medianVMV: -60, medianBlock: 0.1 }))).not.toMatch(/NMDA channels are unplugged/);
  });
});

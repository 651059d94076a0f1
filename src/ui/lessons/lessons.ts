/**
 * The guided lessons, as data (the engine is engine.ts). Each step says what to do and checks that
 * it happened; the numbers a step quotes are read from the page when its check holds, never written
 * in advance. The block values quoted come from the model's own B(V) (docs/MODEL.md §Mg block).
 *
 * Lesson 4, "the three ions", joins this list once [K⁺]o and [Ca²⁺]o are live parameters of the
 * page (issue 14 §4): its steps will check LiveSnapshot fields for those ions, added beside mgOutMM.
 * It is left out until then rather than shipped half-made.
 */
import { mgBlock } from '../../core/mgBlock';
import { burstsSince } from '../liveSnapshot';
import type { LiveSnapshot } from '../liveSnapshot';
import type { Lesson } from './engine';

/** The resting potential at which the lessons quote the block, mV (a typical resting cell of the sheet). */
const REST_MV = -65;
/** Simulated time a "watch for a few seconds" step waits, ms. */
const WATCH_MS = 3000;

function blockAtRest(mgOutMM: number): string {
  return `${(mgBlock(REST_MV, mgOutMM) * 100).toFixed(1)} %`;
}

/** Simulated time since the step began, on the same network (a rebuilt one counts from its start). */
function watchedMs(now: LiveSnapshot, atStart: LiveSnapshot): number {
  return now.builds === atStart.builds ? now.timeMs - atStart.timeMs : now.timeMs;
}

const isSheetRunning = (s: LiveSnapshot): boolean => s.preset === 'sheet' && s.phase === 'running';
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export const LESSONS: readonly Lesson[] = [
  {
    id: 1,
    title: 'The plug and B(V)',
    summary: 'Why magnesium blocks NMDA receptors, and why the block depends on voltage.',
    steps: [
      {
        title: 'The plug',
        task: 'Open the explanation (i) of the “Mg²⁺ block and NMDA current” panel and read why magnesium plugs the NMDA channel.',
        done: (now) => now.infoOpened.includes('block'),
        doneText: () => 'Opened. B(V), the green curve, is the fraction of channels left unplugged at each voltage.',
      },
      {
        title: 'A normal bath',
        task: 'Press 1 (Normal, 1.2 mM). In the block panel the cells (the yellow histogram) sit where the curve is near zero.',
        done: (now) => isSheetRunning(now) && Math.abs(now.mgOutMM - 1.2) < 0.005,
        doneText: (now) => `At 1.2 mM a resting cell (${REST_MV} mV) has ${blockAtRest(now.mgOutMM)} of its NMDA channels unplugged.`,
      },
      {
        title: 'Pull the plug a little',
        task: 'Drag [Mg]o down to 0.4 mM or below (or press ↓). Watch the B(V) curve slide left and rise at rest.',
        done: (now) => now.mgOutMM <= 0.4 + 1e-9,
        doneText: (now) => `At ${now.mgOutMM.toFixed(2)} mM: ${blockAtRest(now.mgOutMM)} unplugged at rest, against ${blockAtRest(1.2)} at 1.2 mM.`,
      },
      {
        title: 'Push it back in',
        task: 'Now raise [Mg]o to 2 mM or more. The curve moves right: a cell must depolarise further before the plug comes out.',
        done: (now) => now.mgOutMM >= 2 - 1e-9,
        doneText: (now) => `At ${now.mgOutMM.toFixed(2)} mM only ${blockAtRest(now.mgOutMM)} is unplugged at rest.`,
      },
      {
        title: 'Follow one cell',
        task: 'Tap or click a cell of the sheet (or type its number in the probe field). The probe view shows its voltage, its NMDA current and its own B(V).',
        done: (now) => now.probes > 0,
        doneText: () => 'You are following a cell: its B(V) trace rises each time it depolarises.',
      },
    ],
  },
  {
    id: 2,
    title: 'Pull the plug: the burst',
    summary: 'At zero magnesium the network feeds itself and fires in population bursts.',
    steps: [
      {
        title: 'A normal bath',
        task: 'Press 1 (Normal, 1.2 mM) and watch for a few seconds: the cells fire sparsely and out of step, and the rate trace is low and flat.',
        done: (now, atStart) => isSheetRunning(now) && now.mgOutMM >= 0.9 && watchedMs(now, atStart) >= WATCH_MS,
        doneText: (now) => `Quiet: ${now.rateHz.toFixed(1)} Hz per cell.`,
      },
      {
        title: 'Pull the plug',
        task: 'Press 4 (Zero-Mg slice) or drag [Mg]o to 0. Nothing plugs the NMDA channels now.',
        done: (now) => now.preset === 'sheet' && now.mgOutMM <= 0.05,
        doneText: (now) => `[Mg]o is ${now.mgOutMM.toFixed(2)} mM.`,
      },
      {
        title: 'Wait for the burst',
        task: 'Watch the sheet and the rate trace: soon the whole network fires together — a population burst, marked as a band in the rate panel.',
        done: (now, atStart) => burstsSince(now, atStart) >= 1,
        doneText: (now) => `The first burst was detected at t = ${seconds(now.timeMs)}.`,
      },
      {
        title: 'It comes back',
        task: 'Keep watching: the bursts recur. Adaptation ends each one; it wears off, and the next can start.',
        done: (now, atStart) => burstsSince(now, atStart) >= 2,
        doneText: (now, atStart) => `${burstsSince(now, atStart)} more bursts in ${seconds(watchedMs(now, atStart))}: they recur.`,
      },
      {
        title: 'Put the plug back',
        task: 'Raise [Mg]o to 1.2 mM (press 1). The bursts stop and the rate settles.',
        done: (now) => now.mgOutMM >= 1.0,
        doneText: (now) => `[Mg]o is back at ${now.mgOutMM.toFixed(2)} mM.`,
      },
    ],
  },
  {
    id: 3,
    title: 'Measure it: the sweep',
    summary: 'A dose–response experiment: the rate and the burst frequency against [Mg]o.',
    steps: [
      {
        title: 'The experiment',
        task: 'Find Experiments → Dose–response below the views. It builds the sheet afresh at each [Mg]o in its list and measures the rate and the bursts.',
      },
      {
        title: 'Run it',
        task: 'Press Run sweep. It runs in a worker of its own, so the live network keeps going.',
        done: (now, atStart) => now.sweep === 'running' || (now.sweep === 'done' && atStart.sweep !== 'done'),
        doneText: () => 'The sweep is running.',
      },
      {
        title: 'Wait for it',
        task: 'The progress bar counts the [Mg]o points. Meanwhile the live slider still works.',
        done: (now) => now.sweep === 'done',
        doneText: () => 'The sweep finished: its plot is under the progress bar.',
      },
      {
        title: 'Read the curve',
        task: 'Where does the burst frequency (dashed) rise above zero? That [Mg]o is where this network starts to burst; compare it with the clinical landmarks on the slider.',
      },
    ],
  },
];

export function lessonById(id: number): Lesson | null {
  return LESSONS.find((l) => l.id === id) ?? null;
}

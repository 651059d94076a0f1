/**
 * The five teaching presets ("scenes"), as data: which network, which [Mg]o, and what to look for.
 * Scenes 1–4 are the cortical sheet at different [Mg]o — choosing one while the sheet runs is a live
 * change, no rebuild; scene 5 is the COBA benchmark network, which is rebuilt. Keys 1–5 choose them.
 */
import type { PresetName } from '../core/presets';

export interface Scene {
  /** stable id, used in the DOM (data-scene) and tests */
  id: 'normal' | 'mild' | 'severe' | 'zero' | 'coba';
  /** the key that chooses it */
  key: '1' | '2' | '3' | '4' | '5';
  name: string;
  /** a word for the presets' row in presentation mode */
  short: string;
  network: PresetName;
  /** extracellular magnesium, mM */
  mgOutMM: number;
  /** one or two sentences: what to look for */
  lookFor: string;
}

export const SCENES: readonly Scene[] = [
  {
    id: 'normal',
    key: '1',
    name: 'Normal',
    short: 'Normal',
    network: 'sheet',
    mgOutMM: 1.2,
    lookFor:
      'Normal bath (1.2 mM, the standard slice bath; cerebrospinal fluid is about 1 mM): cells fire sparsely and out of step, the sheet twinkles and the rate stays low and flat. In the Mg-block panel almost every cell sits where the curve is near zero — their NMDA receptors are plugged.',
  },
  {
    id: 'mild',
    key: '2',
    name: 'Mild hypomagnesaemia',
    short: 'Mild',
    network: 'sheet',
    mgOutMM: 0.7,
    lookFor:
      'Mild hypomagnesaemia (0.7 mM, the lower edge of normal blood magnesium): the block curve shifts left, so resting cells pass a little more NMDA current. The rate creeps up, but activity is still asynchronous — no population bursts yet.',
  },
  {
    id: 'severe',
    key: '3',
    name: 'Severe hypomagnesaemia',
    short: 'Severe',
    network: 'sheet',
    mgOutMM: 0.4,
    lookFor:
      'Severe hypomagnesaemia (0.4 mM, where patients have symptoms): firing is more synchronous and brief bursts begin to appear in the rate trace. Watch the negative-slope dip of the NMDA I–V curve grow shallow.',
  },
  {
    id: 'zero',
    key: '4',
    name: 'Zero-Mg slice',
    short: 'Zero Mg',
    network: 'sheet',
    mgOutMM: 0,
    lookFor:
      'Zero magnesium, the classic slice model of seizures: nothing blocks NMDA receptors, so excitation feeds itself. Look for seizure-like bursts that start in one place and sweep across the sheet as a wave, about once a second.',
  },
  {
    id: 'coba',
    key: '5',
    name: 'COBA benchmark',
    short: 'COBA',
    network: 'coba',
    mgOutMM: 1.2,
    lookFor:
      'The standard COBA benchmark network (Brette et al. 2007, 4,000 cells, random wiring) rebuilt in place: it has no NMDA synapses, so [Mg]o changes nothing — a useful control. It fires irregularly on its own, with no external input.',
  },
];

/** The scene a network preset and [Mg]o amount to, if any (sheet scenes match on [Mg]o). */
export function sceneOf(network: PresetName, mgOutMM: number): Scene | null {
  if (network === 'coba') return SCENES.find((s) => s.network === 'coba') ?? null;
  return SCENES.find((s) => s.network === network && Math.abs(s.mgOutMM - mgOutMM) < 1e-6) ?? null;
}

export function sceneByKey(key: string): Scene | null {
  return SCENES.find((s) => s.key === key) ?? null;
}

/**
 * The seven teaching presets ("scenes"), as data: which network, which ions, and what a person will
 * see. Scenes 1–6 are the cortical sheet with other ions — choosing one while the sheet runs is a
 * live change, no rebuild; scene 7 is the COBA benchmark network, which is rebuilt. Keys 1–7 choose
 * them. Each text was checked against runs of the 10,000-cell sheet from a fresh build (npm run sim,
 * seed 1: 10 s for scenes 1–3, 30–60 s for 4–6; Low Ca²⁺ also at seed 2 and at 2,500 cells).
 */
import type { PresetName } from '../core/presets';

export interface Scene {
  /** stable id, used in the DOM (data-scene) and tests */
  id: 'normal' | 'mild' | 'severe' | 'zero' | 'highk' | 'lowca' | 'coba';
  /** the key that chooses it */
  key: '1' | '2' | '3' | '4' | '5' | '6' | '7';
  name: string;
  /** a word for the presets' row in presentation mode */
  short: string;
  network: PresetName;
  /** extracellular magnesium, mM */
  mgOutMM: number;
  /** the bath's potassium, mM */
  kBathMM: number;
  /** extracellular calcium, mM */
  caOutMM: number;
  /** 1: ions move with firing (the sheet's default); 0: fixed ions */
  ionsOn: 0 | 1;
  /** one or two sentences: what a person will see */
  lookFor: string;
}

/** The normal bath's K⁺ and Ca²⁺ (presets.ts, the sheet's live defaults), mM. */
const K_NORMAL_MM = 3.5;
const CA_NORMAL_MM = 2;

export const SCENES: readonly Scene[] = [
  {
    id: 'normal',
    key: '1',
    name: 'Normal',
    short: 'Normal',
    network: 'sheet',
    mgOutMM: 1.2,
    kBathMM: K_NORMAL_MM,
    caOutMM: CA_NORMAL_MM,
    ionsOn: 1,
    lookFor:
      'Normal bath (Mg²⁺ 1.2, K⁺ 3.5, Ca²⁺ 2 mM): cells fire sparsely and out of step (about 5 Hz), the sheet twinkles, the rate stays low and flat and [K⁺]o near 4 mM. In the Mg-block panel almost every cell sits where the curve is near zero: their NMDA receptors are plugged.',
  },
  {
    id: 'mild',
    key: '2',
    name: 'Mild hypomagnesaemia',
    short: 'Mild',
    network: 'sheet',
    mgOutMM: 0.7,
    kBathMM: K_NORMAL_MM,
    caOutMM: CA_NORMAL_MM,
    ionsOn: 1,
    lookFor:
      'Mild hypomagnesaemia (0.7 mM, the lower edge of normal blood magnesium): the block curve shifts left, so resting cells pass a little more NMDA current. The rate rises (about 8 Hz against 5) but stays asynchronous: no bursts, and [K⁺]o barely moves.',
  },
  {
    id: 'severe',
    key: '3',
    name: 'Severe hypomagnesaemia',
    short: 'Severe',
    network: 'sheet',
    mgOutMM: 0.4,
    kBathMM: K_NORMAL_MM,
    caOutMM: CA_NORMAL_MM,
    ionsOn: 1,
    lookFor:
      'Severe hypomagnesaemia (0.4 mM, where patients have symptoms): brief population bursts appear, a little more than one a second — spikes in the rate trace, stripes in the raster, swells on the sheet. [K⁺]o stays below about 4.5 mM: bursts, but no seizure.',
  },
  {
    id: 'zero',
    key: '4',
    name: 'Zero-Mg slice',
    short: 'Zero Mg',
    network: 'sheet',
    mgOutMM: 0,
    kBathMM: K_NORMAL_MM,
    caOutMM: CA_NORMAL_MM,
    ionsOn: 1,
    lookFor:
      'Zero magnesium, the classic slice model: after a few bursts the whole sheet lights up and stays lit — an ictal event (orange on the timeline), about 20–25 s, [K⁺]o near 12 mM — then falls quiet (postictal) and bursts return. The onset map shows where a burst began: often a fast front (about 90–230 mm/s, across the sheet in a few tens of ms, a second or two in the 20× replay) from a different place each time, sometimes no single start.',
  },
  {
    id: 'highk',
    key: '5',
    name: 'High K⁺',
    short: 'High K',
    network: 'sheet',
    mgOutMM: 1.2,
    kBathMM: 8.5,
    caOutMM: CA_NORMAL_MM,
    ionsOn: 1,
    lookFor:
      'High-K⁺ bath (8.5 mM, normal Mg²⁺): E_K moves up, cells sit nearer threshold, and even with the NMDA block intact the sheet tips into an ictal event within about 2 s. Short events (here 2–5 s) alternate with runs of bursts, and [K⁺]o peaks at about 9–12 mM.',
  },
  {
    id: 'lowca',
    key: '6',
    name: 'Low Ca²⁺, zero Mg',
    short: 'Low Ca',
    network: 'sheet',
    mgOutMM: 0,
    kBathMM: K_NORMAL_MM,
    caOutMM: 1,
    ionsOn: 1,
    lookFor:
      'Low Ca²⁺ (1 mM) with zero Mg²⁺: less calcium screens less surface charge, so the threshold falls on top of the unblocked NMDA receptors. The ictal event starts within about 2 s and lasts about half a minute, the rate very high and [K⁺]o near 12 mM; the next one follows 8–15 s after its end, with [K⁺]o still low.',
  },
  {
    id: 'coba',
    key: '7',
    name: 'COBA benchmark',
    short: 'COBA',
    network: 'coba',
    mgOutMM: 1.2,
    kBathMM: K_NORMAL_MM,
    caOutMM: CA_NORMAL_MM,
    ionsOn: 0,
    lookFor:
      'The standard COBA benchmark network (Brette et al. 2007, 4,000 cells, random wiring) rebuilt in place: it has no NMDA synapses, so [Mg]o changes nothing — a useful control. It fires irregularly on its own, with no external input.',
  },
];

/** The ions a scene is matched on (a page state has them all). */
export interface SceneIons {
  preset: PresetName;
  mgOutMM: number;
  kBathMM: number;
  caOutMM: number;
  ionsOn: number;
}

const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;

/** The scene a network preset and its ions amount to, if any (sheet scenes match on all four ions). */
export function sceneOf(state: SceneIons): Scene | null {
  if (state.preset === 'coba') return SCENES.find((s) => s.network === 'coba') ?? null;
  return (
    SCENES.find(
      (s) =>
        s.network === state.preset &&
        same(s.mgOutMM, state.mgOutMM) &&
        same(s.kBathMM, state.kBathMM) &&
        same(s.caOutMM, state.caOutMM) &&
        s.ionsOn === state.ionsOn,
    ) ?? null
  );
}

/** A scene's ions in words, for its button and its announcement: "0 mM Mg", "K⁺ 8.5 mM", "Ca²⁺ 1 mM, 0 Mg". */
export function describeSceneIons(scene: Scene): string {
  if (scene.network === 'coba') return '4,000 cells';
  const parts: string[] = [];
  if (scene.kBathMM !== K_NORMAL_MM) parts.push(`K⁺ ${scene.kBathMM} mM`);
  if (scene.caOutMM !== CA_NORMAL_MM) parts.push(`Ca²⁺ ${scene.caOutMM} mM`);
  if (parts.length === 0 || scene.mgOutMM !== 1.2) parts.push(`Mg ${scene.mgOutMM} mM`);
  return parts.join(', ');
}

export function sceneByKey(key: string): Scene | null {
  return SCENES.find((s) => s.key === key) ?? null;
}

/**
 * Names for [Mg²⁺]o values: what a screen reader says with the slider's value ("0.40 millimolar,
 * severe hypomagnesaemia") and the labels of its landmarks (the datalist in index.html, checked
 * against this table by tests/unit/ui/mgLandmarks.test.ts). The bands follow the presets
 * (scenes.ts): the standard slice bath is 1.2 mM and cerebrospinal fluid about 1 mM; mild and severe
 * hypomagnesaemia are the clinical ranges the presets 0.7 and 0.4 mM stand for.
 */

export interface MgBand {
  /** the band's upper end, mM (inclusive) */
  upToMM: number;
  name: string;
}

/** In order of [Mg]o; the last band is open-ended. */
export const MG_BANDS: readonly MgBand[] = [
  { upToMM: 0.025, name: 'zero-Mg slice' },
  { upToMM: 0.55, name: 'severe hypomagnesaemia' },
  { upToMM: 0.85, name: 'mild hypomagnesaemia' },
  { upToMM: 1.3, name: 'normal ACSF' },
  { upToMM: 2.05, name: 'raised' },
  { upToMM: Infinity, name: 'high' },
];

export function mgBandName(mgOutMM: number): string {
  return (MG_BANDS.find((b) => mgOutMM <= b.upToMM) ?? MG_BANDS[MG_BANDS.length - 1]).name;
}

/** The slider's aria-valuetext: the value in words a screen reader speaks, with its landmark. */
export function mgValueText(mgOutMM: number): string {
  return `${mgOutMM.toFixed(2)} millimolar, ${mgBandName(mgOutMM)}`;
}

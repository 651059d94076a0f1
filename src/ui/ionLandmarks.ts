/**
 * Names for the bath's [K⁺] and for [Ca²⁺]o, as mgLandmarks.ts names [Mg²⁺]o: what a screen reader
 * says with a slider's value ("8.50 millimolar, epileptogenic (high-K⁺ slice)") and the labels of
 * the landmarks in index.html's datalists (tests/unit/ui/ionLandmarks.test.ts holds the two
 * together). The landmarks are the presets' values (scenes.ts): 3.5 mM K⁺ and 2 mM Ca²⁺ are the
 * standard slice bath (ACSF); 8.5 mM K⁺ is the high-K⁺ slice model of seizures; 1 and 3 mM Ca²⁺
 * are the low- and high-calcium baths of slice work (docs/MODEL.md §Ion dynamics).
 */

export interface IonBand {
  /** the band's upper end, mM (inclusive) */
  upToMM: number;
  name: string;
}

/** A named value on a slider (a tick of its datalist). */
export interface IonLandmark {
  valueMM: number;
  label: string;
}

/** The bath's [K⁺], in order; the last band is open-ended. */
export const K_BANDS: readonly IonBand[] = [
  { upToMM: 2.75, name: 'low' },
  { upToMM: 4.5, name: 'normal' },
  { upToMM: 7.25, name: 'raised' },
  { upToMM: 10, name: 'epileptogenic (high-K⁺ slice)' },
  { upToMM: Infinity, name: 'very high' },
];

export const K_LANDMARKS: readonly IonLandmark[] = [
  { valueMM: 3.5, label: 'normal' },
  { valueMM: 8.5, label: 'epileptogenic' },
];

/** [Ca²⁺]o, in order; the last band is open-ended. */
export const CA_BANDS: readonly IonBand[] = [
  { upToMM: 0.75, name: 'very low' },
  { upToMM: 1.5, name: 'low' },
  { upToMM: 2.5, name: 'normal' },
  { upToMM: 3.5, name: 'high' },
  { upToMM: Infinity, name: 'very high' },
];

export const CA_LANDMARKS: readonly IonLandmark[] = [
  { valueMM: 1, label: 'low' },
  { valueMM: 2, label: 'normal' },
  { valueMM: 3, label: 'high' },
];

export function bandName(bands: readonly IonBand[], valueMM: number): string {
  return (bands.find((b) => valueMM <= b.upToMM) ?? bands[bands.length - 1]).name;
}

/** The [K⁺] slider's aria-valuetext. */
export function kValueText(kBathMM: number): string {
  return `${kBathMM.toFixed(2)} millimolar, ${bandName(K_BANDS, kBathMM)}`;
}

/** The [Ca²⁺]o slider's aria-valuetext. */
export function caValueText(caOutMM: number): string {
  return `${caOutMM.toFixed(2)} millimolar, ${bandName(CA_BANDS, caOutMM)}`;
}

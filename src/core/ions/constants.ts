/**
 * Literature constants of the ion model (docs/MODEL.md §Ion dynamics), each with its source. Units as
 * in the rest of the core: ms, mV, nS, pA, pF, mM. Tunable values (time constants, gains, the demo's
 * departures) are IonParams fields with their defaults in ionParams.ts; these are the fixed facts.
 */

/**
 * RT/F at 37 °C (310.15 K), mV: CODATA 2018 R = 8.314462618 J/(mol·K), F = 96485.33212 C/mol.
 * With [K]i 140 mM it gives the textbook E_K = −113.5, −102.7, −98.6, −89.1, −74.9, −70.5, −65.7 mV
 * at [K]o 2, 3, 3.5, 5, 8.5, 10, 12 mM.
 */
export const RT_OVER_F_MV = (1000 * 8.314462618 * 310.15) / 96485.33212;

/** Intracellular [K⁺] at rest, mM (mammalian neurons ≈ 130–140 mM; Hille 2001, Table 1.1). */
export const K_IN_REST_MM = 140;

/** The normal bath of the slice experiments, mM: ACSF [K]o 3.5, [Ca]o 2, [Mg]o 1.2 (Isaev et al. 2012). */
export const K_BATH_NORMAL_MM = 3.5;
export const CA_OUT_NORMAL_MM = 2;
export const MG_OUT_NORMAL_MM = 1.2;

/**
 * Na⁺/K⁺-ATPase: 3 Na⁺ out and 2 K⁺ in per cycle (Skou 1957; Post & Jolly 1957), so one net
 * positive charge leaves per cycle: the pump current is outward.
 */
export const PUMP_NA_PER_CYCLE = 3;
export const PUMP_K_PER_CYCLE = 2;

/**
 * Pump saturation in [K]o: half-activation and slope, mM (Epileptor-2: 1/(1 + e^(3.5 − [K]o));
 * Chizhov et al. 2018, PLoS Comput Biol 14:e1006186, and the authors' code).
 */
export const PUMP_K_HALF_MM = 3.5;
export const PUMP_K_SLOPE_MM = 1;
/** …and in [Na]i (Epileptor-2 and Cressman et al. 2009: 1/(1 + e^((25 − [Na]i)/3))). */
export const PUMP_NA_HALF_MM = 25;
export const PUMP_NA_SLOPE_MM = 3;

/**
 * Divalent surface-charge screening (Hille, Woodhull & Shapiro 1975, Phil Trans R Soc B 270:301;
 * Hille 2001 ch. 20): a tenfold rise of external divalents shifts Na⁺-channel gating by ≈ +20–25 mV;
 * Ca²⁺ is ≈ 1.4 × as potent as Mg²⁺. Mid value of the range, mV per decade.
 */
export const SCREENING_MV_PER_DECADE = 22;
/** Mg²⁺ counts 1/1.4 of Ca²⁺ in the screening sum (Hille et al. 1975). */
export const SCREENING_MG_PER_CA = 1 / 1.4;

/**
 * The apparent half-saturation of the AHP increment in [Ca]o, mM: a model value, tuned (docs/MODEL.md
 * §Ion dynamics, departures). Ca²⁺ entry per spike saturates in [Ca]o (the single L-type channel with
 * K_D ≈ 14 mM, Hess, Lansman & Tsien 1986, J Gen Physiol 88:293), and the Ca²⁺-activated K⁺ channels
 * saturate in the Ca²⁺ that entered, so the AHP grows less than in proportion to [Ca]o. With 14 mM
 * the AHP fell to 0.53 × at Ca 1 mM and the zero-Mg sheet fired tonically, its events no more frequent
 * than at Ca 2; with 2 mM it is 0.67 × at 1 mM and 1.2 × at 3 mM, and Ca 1 gives events every ≈ 40 s
 * instead of ≈ 62 s while Ca 3 still delays the first one 6-fold (seeds 1–3).
 */
export const AHP_CA_HALF_MM = 2;

/**
 * Free diffusion coefficient of K⁺ in water at 37 °C ≈ 2.5 × 10⁻⁵ cm²/s (Hille 2001), divided by the
 * squared tortuosity of brain extracellular space λ ≈ 1.6 (Nicholson & Syková 1998, Trends Neurosci
 * 21:207): D* ≈ 1 × 10⁻⁵ cm²/s = 1 µm²/ms.
 */
export const K_DIFFUSION_UM2_PER_MS = 2.5e-5 * 1e8 * 1e-3 / (1.6 * 1.6);

/** The ranges the model is validated for (issue: any Mg 0–3, K 2–12, Ca 0.5–4 mM). */
export const K_BATH_RANGE_MM = { min: 2, max: 12 } as const;
export const CA_OUT_RANGE_MM = { min: 0.5, max: 4 } as const;

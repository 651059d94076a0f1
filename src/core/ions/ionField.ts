/**
 * The ion concentration field of the sheet (docs/MODEL.md §Ion dynamics): extracellular [K⁺]o and
 * intracellular [Na⁺]i on a coarse grid of square patches of sites, stepped every ionStepMs with the
 * spikes of each patch, and the per-neuron terms the kernels read, written once per ion step.
 *
 * Per patch p, with ν = spikes per cell of the patch in the ion step, P the pump rate (physics.ts),
 * U the glial uptake, γ the intra/extracellular volume ratio (forward Euler, dt = the ion step):
 *   Δ[K]o  = dt·(([K]bath − [K]o)/τ_K − 2γ·P − U + D/L²·Σ_neighbours([K]o,q − [K]o)) + δ_K·ν
 *   Δ[Na]i = dt·(([Na]rest − [Na]i)/τ_Na − 3·P) + δ_Na·ν
 *   E_K = (RT/F) ln([K]o / [K]i), [K]i = 140 + [Na]rest − [Na]i    (electroneutrality, Cressman 2009)
 *   E_GABA = E_GABA,rest + c·(E_K − E_K,normal)                     (KCC2-like coupling)
 *   I_pump = I_max · P/P_max (outward)
 * The 4-neighbour diffusion runs on the patch torus; P and U scale per patch by (1 + h·N(0, 1)) when
 * patchHeterogeneity h > 0.
 *
 * What the kernels compute with ions on (per neuron i of patch p, every step; docs/MODEL.md §Ion dynamics):
 *   C dV/dt = leakDrivePA[i] − g_L·V + g_A(E_A − V) + g_G(eGabaMV[i] − V) + g_N B(V)(E_N − V)
 *             + g_W(eKMV[i] − V),
 * where leakDrivePA[i] = g_K·E_K + (g_L·E_L − g_K·E_K,normal + I_pump,normal) − I_pump, g_K = leakKShare·g_L:
 * the K⁺ share of the leak reverses at E_K, the rest keeps V at E_L in the normal bath, and the pump
 * current is outward. g_W is the adaptation as a K⁺ conductance. Nothing here allocates after the
 * constructor.
 */
import type { Rng } from '../rng';
import { K_BATH_NORMAL_MM, K_BATH_RANGE_MM, K_IN_REST_MM } from './constants';
import type { IonParams } from './ionParams';
import { glialUptakeMMPerMs, kInFromNaMM, nernstMV, pumpActivation } from './physics';
import { checkField } from '../params';

/** The per-neuron arrays the kernels read (float64 for the reference kernel, float32 for the fast one). */
export interface NeuronIonTerms {
  leakDrivePA: Float64Array | Float32Array;
  eKMV: Float64Array | Float32Array;
  eGabaMV: Float64Array | Float32Array;
}

/** What the field needs to know of the network. */
export interface IonFieldSpec {
  neurons: number;
  excitatory: number;
  /** sheet grid: width × height sites, and the site (y · width + x) of each neuron */
  width: number;
  height: number;
  siteOfNeuron: Uint32Array;
  siteSpacingUm: number;
  dtMs: number;
  /** leak conductance and reversal of E and I cells */
  gLeakNS: readonly [number, number];
  eLeakMV: readonly [number, number];
  /** E_GABA in the normal bath, mV */
  eGabaRestMV: number;
  /** drawn from only when params.patchHeterogeneity > 0 */
  rng?: Rng;
}

export class IonField {
  readonly params: Readonly<IonParams>;
  readonly patchCols: number;
  readonly patchRows: number;
  readonly patches: number;
  /** the patch of each neuron */
  readonly patchOfNeuron: Uint32Array;
  /** model steps per ion step, and the ion step actually used (a whole number of model steps), ms */
  readonly stepsPerIonStep: number;
  readonly ionDtMs: number;

  // ---- state per patch ----
  readonly kOutMM: Float64Array;
  readonly naInMM: Float64Array;
  /** spikes of E and I cells since the last ion step */
  readonly spikesE: Float64Array;
  readonly spikesI: Float64Array;

  // ---- derived per patch (after each ion step) ----
  readonly eKMV: Float64Array;
  readonly eGabaMV: Float64Array;
  readonly pumpPA: Float64Array;

  /** live: the bath's [K⁺], mM */
  kBathMM = K_BATH_NORMAL_MM;
  ionSteps = 0;
  /** highest [K]o of any patch now, and over the run since reset(), mM (kOutMaxMM(), kOutPeakMM()) */
  private kMaxNow = K_BATH_NORMAL_MM;
  private kPeak = K_BATH_NORMAL_MM;

  private readonly cells: Float64Array;
  private readonly neighbours: Int32Array;
  private readonly pumpScale: Float64Array;
  private readonly glialScale: Float64Array;
  private readonly kScratch: Float64Array;
  /** at the present state: the pump's activation (× the patch's pump scale) and the glial uptake, mM/ms */
  private readonly pumpActivationNow: Float64Array;
  private readonly uptakeNow: Float64Array;
  private readonly neurons: number;
  private readonly excitatory: number;
  private readonly diffusionPerMs: number;
  private readonly eKNormalMV: number;
  private readonly eGabaRestMV: number;
  /** per population (E, I): K⁺ leak conductance and the rest of the leak drive */
  private readonly gLeakKNS: Float64Array;
  private readonly leakRestDrivePA: Float64Array;

  constructor(spec: IonFieldSpec, params: Readonly<IonParams>) {
    this.params = params;
    const { width, height, siteOfNeuron, neurons, excitatory } = spec;
    if (siteOfNeuron.length !== neurons) throw new RangeError(`ions: siteOfNeuron has ${siteOfNeuron.length} entries for ${neurons} neurons`);
    const side = params.patchSites;
    const cols = (this.patchCols = Math.ceil(width / side));
    const rows = (this.patchRows = Math.ceil(height / side));
    const n = (this.patches = cols * rows);
    this.neurons = neurons;
    this.excitatory = excitatory;
    this.stepsPerIonStep = Math.max(1, Math.round(params.ionStepMs / spec.dtMs));
    this.ionDtMs = this.stepsPerIonStep * spec.dtMs;

    this.patchOfNeuron = new Uint32Array(neurons);
    this.cells = new Float64Array(n);
    for (let i = 0; i < neurons; i++) {
      const site = siteOfNeuron[i];
      const p = Math.floor((site % width) / side) + cols * Math.floor(Math.floor(site / width) / side);
      this.patchOfNeuron[i] = p;
      this.cells[p]++;
    }
    this.neighbours = new Int32Array(4 * n);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const p = r * cols + c;
        this.neighbours[4 * p] = r * cols + ((c + 1) % cols);
        this.neighbours[4 * p + 1] = r * cols + ((c + cols - 1) % cols);
        this.neighbours[4 * p + 2] = ((r + 1) % rows) * cols + c;
        this.neighbours[4 * p + 3] = ((r + rows - 1) % rows) * cols + c;
      }
    }
    const patchUm = side * spec.siteSpacingUm;
    this.diffusionPerMs = params.kDiffusionUm2PerMs / (patchUm * patchUm);

    this.pumpScale = new Float64Array(n).fill(1);
    this.glialScale = new Float64Array(n).fill(1);
    if (params.patchHeterogeneity > 0) {
      if (!spec.rng) throw new RangeError('ions: patchHeterogeneity > 0 needs an rng');
      // clipped at 0.2 so that no patch loses its pump or glia entirely
      for (let p = 0; p < n; p++) this.pumpScale[p] = Math.max(0.2, 1 + params.patchHeterogeneity * spec.rng.normal());
      for (let p = 0; p < n; p++) this.glialScale[p] = Math.max(0.2, 1 + params.patchHeterogeneity * spec.rng.normal());
    }

    this.eKNormalMV = nernstMV(K_BATH_NORMAL_MM, K_IN_REST_MM);
    this.eGabaRestMV = spec.eGabaRestMV;
    const pumpNormalPA = params.pumpCurrentMaxPA * pumpActivation(K_BATH_NORMAL_MM, params.naRestMM);
    this.gLeakKNS = new Float64Array(2);
    this.leakRestDrivePA = new Float64Array(2);
    for (let pop = 0; pop < 2; pop++) {
      const gK = params.leakKShare * spec.gLeakNS[pop];
      this.gLeakKNS[pop] = gK;
      this.leakRestDrivePA[pop] = spec.gLeakNS[pop] * spec.eLeakMV[pop] - gK * this.eKNormalMV + pumpNormalPA;
    }

    this.kOutMM = new Float64Array(n);
    this.naInMM = new Float64Array(n);
    this.spikesE = new Float64Array(n);
    this.spikesI = new Float64Array(n);
    this.eKMV = new Float64Array(n);
    this.eGabaMV = new Float64Array(n);
    this.pumpPA = new Float64Array(n);
    this.kScratch = new Float64Array(n);
    this.pumpActivationNow = new Float64Array(n);
    this.uptakeNow = new Float64Array(n);
    this.reset();
  }

  /** Sets the bath's [K⁺] (live, 2–12 mM); the patches follow with τ_K. */
  setBath(kBathMM: number): void {
    this.kBathMM = checkField('kBathMM', kBathMM, { ...K_BATH_RANGE_MM, unit: 'mM' });
  }

  /** Every patch at the bath's [K]o and resting [Na]i, no spikes pending. */
  reset(): void {
    this.kOutMM.fill(this.kBathMM);
    this.naInMM.fill(this.params.naRestMM);
    this.spikesE.fill(0);
    this.spikesI.fill(0);
    this.kMaxNow = this.kPeak = this.kBathMM;
    this.ionSteps = 0;
    this.updateDerived();
  }

  /** Counts one model step's spikes (ids as the kernels write them) into their patches. */
  addSpikes(ids: Uint32Array, count: number): void {
    const patchOf = this.patchOfNeuron;
    const nE = this.excitatory;
    for (let k = 0; k < count; k++) {
      const i = ids[k];
      if (i < nE) this.spikesE[patchOf[i]]++;
      else this.spikesI[patchOf[i]]++;
    }
  }

  /** One ion step of ionDtMs with the spikes counted since the last; then E_K, E_GABA and I_pump. */
  step(): void {
    const P = this.params;
    const dt = this.ionDtMs;
    const { kOutMM: k, naInMM: na, spikesE, spikesI, cells, neighbours, pumpActivationNow, uptakeNow, kScratch } = this;
    const pumpMax = P.pumpMaxMMPerMs;
    const kBath = this.kBathMM;
    const invTauK = 1 / P.tauKBathMs;
    const invTauNa = 1 / P.tauNaMs;
    const twoGamma = 2 * P.volumeRatio;
    const diffusion = this.diffusionPerMs;
    kScratch.set(k);
    for (let p = 0; p < this.patches; p++) {
      const perCell = cells[p] > 0 ? (spikesE[p] + spikesI[p]) / cells[p] : 0;
      spikesE[p] = 0;
      spikesI[p] = 0;
      const kp = kScratch[p];
      // the rates at the present state, computed with it (updateDerived): no transcendental here
      const pump = pumpMax * pumpActivationNow[p];
      const uptake = uptakeNow[p];
      const j = 4 * p;
      const lateral = kScratch[neighbours[j]] + kScratch[neighbours[j + 1]] + kScratch[neighbours[j + 2]] + kScratch[neighbours[j + 3]] - 4 * kp;
      k[p] = kp + dt * ((kBath - kp) * invTauK - twoGamma * pump - uptake + diffusion * lateral) + P.kReleasePerSpikeMM * perCell;
      na[p] += dt * ((P.naRestMM - na[p]) * invTauNa - 3 * pump) + P.naLoadPerSpikeMM * perCell;
    }
    this.ionSteps++;
    this.updateDerived();
  }

  /** Writes the per-neuron terms (see the header) from the patches' present state. */
  writeNeuronTerms(out: NeuronIonTerms): void {
    const { leakDrivePA, eKMV, eGabaMV } = out;
    const patchOf = this.patchOfNeuron;
    const eK = this.eKMV, eG = this.eGabaMV, pump = this.pumpPA;
    for (let pop = 0; pop < 2; pop++) {
      const gK = this.gLeakKNS[pop];
      const rest = this.leakRestDrivePA[pop];
      const lo = pop === 0 ? 0 : this.excitatory;
      const hi = pop === 0 ? this.excitatory : this.neurons;
      for (let i = lo; i < hi; i++) {
        const p = patchOf[i];
        leakDrivePA[i] = gK * eK[p] + rest - pump[p];
        eKMV[i] = eK[p];
        eGabaMV[i] = eG[p];
      }
    }
  }

  /** Highest [K]o of any patch now, mM. */
  kOutMaxMM(): number {
    return this.kMaxNow;
  }

  /** Highest [K]o of any patch since the last reset(), mM. */
  kOutPeakMM(): number {
    return this.kPeak;
  }

  /** Mean [K]o over the patches, weighted by their cells, mM. */
  kOutMeanMM(): number {
    return this.cellMean(this.kOutMM);
  }

  /** Mean [Na]i over the patches, weighted by their cells, mM. */
  naInMeanMM(): number {
    return this.cellMean(this.naInMM);
  }

  private cellMean(perPatch: Float64Array): number {
    let sum = 0;
    for (let p = 0; p < this.patches; p++) sum += perPatch[p] * this.cells[p];
    return sum / this.neurons;
  }

  /** E_K in the normal bath at rest, mV: the reference of the leak and E_GABA couplings. */
  get eKNormal(): number {
    return this.eKNormalMV;
  }

  private updateDerived(): void {
    const P = this.params;
    let kMax = -Infinity;
    for (let p = 0; p < this.patches; p++) {
      const kp = this.kOutMM[p];
      if (kp > kMax) kMax = kp;
      const na = this.naInMM[p];
      const eK = nernstMV(kp, kInFromNaMM(na, P.naRestMM));
      this.eKMV[p] = eK;
      this.eGabaMV[p] = this.eGabaRestMV + P.gabaKCoupling * (eK - this.eKNormalMV);
      const activation = this.pumpScale[p] * pumpActivation(kp, na);
      this.pumpActivationNow[p] = activation;
      this.pumpPA[p] = P.pumpCurrentMaxPA * activation;
      this.uptakeNow[p] = this.glialScale[p] * glialUptakeMMPerMs(kp, P.glialMaxMMPerMs, P.glialHalfMM, P.glialSlopeMM);
    }
    this.kMaxNow = kMax;
    if (kMax > this.kPeak) this.kPeak = kMax;
  }
}

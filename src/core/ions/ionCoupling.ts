/**
 * The ion field coupled to a network (docs/MODEL.md §Ion dynamics): built with every network, it
 * follows the live parameters and, while the ion model is on, counts each step's spikes into their
 * patches, steps the field every stepsPerIonStep steps and writes the per-neuron terms the kernels
 * read (between two steps: the kernels never see them change within one).
 *
 * Switching the model on resets the field to the bath (every patch at [K]o = kBathMM and resting
 * [Na]i: the field holds no history from an earlier on-period) and turns the E cells' adaptation
 * from a current (pA) into the K⁺ conductance that carries it (nS, g_W = w / (adaptReferenceMV −
 * E_K,normal)); switching it off turns g_W back into pA and leaves the field as it was.
 */
import type { Layout } from '../connectivity';
import type { NetworkState } from '../networkState';
import type { LiveParams, NetworkConfig } from '../params';
import type { Rng } from '../rng';
import { IonField } from './ionField';
import type { IonParams } from './ionParams';

export class IonCoupling {
  readonly field: IonField;
  private readonly state: NetworkState;
  private readonly terms: { leakDrivePA: NetworkState['ionLeakDrivePA']; eKMV: NetworkState['ionEKMV']; eGabaMV: NetworkState['ionEGabaMV'] };
  private on = false;
  /** model steps left until the next ion step */
  private stepsToIonStep = 0;

  constructor(config: NetworkConfig, layout: Layout, state: NetworkState, params: Readonly<IonParams>, rng?: Rng) {
    this.state = state;
    const spacingUm = config.topology.kind === 'sheet' ? config.topology.siteSpacingUm : RANDOM_SITE_SPACING_UM;
    this.field = new IonField(
      {
        neurons: state.neurons,
        excitatory: state.excitatory,
        width: layout.width,
        height: layout.height,
        siteOfNeuron: layout.siteOfNeuron,
        siteSpacingUm: spacingUm,
        dtMs: config.dtMs,
        gLeakNS: [config.exc.gLeakNS, config.inh.gLeakNS],
        eLeakMV: [config.exc.eLeakMV, config.inh.eLeakMV],
        eGabaRestMV: config.synapses.eGabaMV,
        rng,
      },
      params,
    );
    this.terms = { leakDrivePA: state.ionLeakDrivePA, eKMV: state.ionEKMV, eGabaMV: state.ionEGabaMV };
  }

  /** True while the ion model is on. */
  get ionsOn(): boolean {
    return this.on;
  }

  /** Follows a live change (between steps): the bath's [K⁺], and the model switched on or off. */
  applyLive(live: Readonly<LiveParams>): void {
    this.field.setBath(live.kBathMM);
    const on = live.ionsOn === 1;
    if (on === this.on) return;
    this.on = on;
    const { adaptPA, excitatory } = this.state;
    // pA ↔ nS at the reference potential with E_K of the normal bath (E cells; I cells do not adapt)
    const drivingMV = this.field.params.adaptReferenceMV - this.field.eKNormal;
    if (on) {
      for (let i = 0; i < excitatory; i++) adaptPA[i] /= drivingMV;
      this.field.reset();
      this.field.writeNeuronTerms(this.terms);
      this.stepsToIonStep = this.field.stepsPerIonStep;
    } else {
      for (let i = 0; i < excitatory; i++) adaptPA[i] *= drivingMV;
    }
  }

  /** After each model step: its spikes into the field, and every stepsPerIonStep steps an ion step. Allocates nothing. */
  afterStep(spikedIds: Uint32Array, spikedCount: number): void {
    if (!this.on) return;
    this.field.addSpikes(spikedIds, spikedCount);
    if (--this.stepsToIonStep > 0) return;
    this.field.step();
    this.field.writeNeuronTerms(this.terms);
    this.stepsToIonStep = this.field.stepsPerIonStep;
  }
}

/** Sites of a random network's layout have no anatomy; they are spaced as the sheet's (50 µm) for its patches. */
const RANDOM_SITE_SPACING_UM = 50;

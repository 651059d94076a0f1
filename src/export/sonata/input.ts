/**
 * What a SONATA export is written from: the built network — configuration, the live parameters to
 * bake in, connectivity (CSR by presynaptic cell, delays in steps), layout and the per-neuron state
 * the other engine starts from. sonataInputOf reads it off a Network; the page's worker holds one.
 */
import type { Connectivity, Layout } from '../../core/connectivity';
import type { Network } from '../../core/network';
import type { LiveParams, NetworkConfig } from '../../core/params';
import { ExportError } from '../nwb/hdf5';

export interface SonataInput {
  config: NetworkConfig;
  /** Live parameters at export: scales are baked into the weights, [Mg]o into conc_Mg2. */
  live: LiveParams;
  excitatory: number;
  connectivity: Pick<Connectivity, 'neurons' | 'rowStart' | 'targets' | 'delaySteps'>;
  layout: Pick<Layout, 'siteOfNeuron' | 'width' | 'height'>;
  /** Per-neuron state to start from (the build's initial state when exported at step 0). */
  state: {
    vMV: ArrayLike<number>;
    vThreshMV: ArrayLike<number>;
    gAmpaNS: ArrayLike<number>;
    gGabaNS: ArrayLike<number>;
    sNmda: ArrayLike<number>;
    adaptPA: ArrayLike<number>;
  };
  /** The step the state belongs to (0: just built). */
  stepIndex: number;
  /** Simulated time the exported simulation_config.json asks for (tstop). */
  durationMs: number;
}

/** The export input of a built network; export right after the build to hand over the initial state. */
export function sonataInputOf(network: Network, durationMs: number): SonataInput {
  return {
    // with ions on Mg Gate holds the E cells' adaptation as a K⁺ conductance (nS): w_adapt_pA gets pA
    state: network.constants.ionsOn ? { ...stateViews(network), adaptPA: adaptationPA(network) } : network,
    config: network.config,
    live: { ...network.live },
    excitatory: network.excitatory,
    connectivity: network.connectivity,
    layout: network.layout,
    stepIndex: network.stepIndex,
    durationMs,
  };
}

function stateViews(network: Network): SonataInput['state'] {
  const { vMV, vThreshMV, gAmpaNS, gGabaNS, sNmda, adaptPA } = network;
  return { vMV, vThreshMV, gAmpaNS, gGabaNS, sNmda, adaptPA };
}

/** The adaptation in pA at the ion model's reference potential with E_K of the normal bath (src/core/ions/ionCoupling.ts). */
function adaptationPA(network: Network): Float64Array {
  const w = Float64Array.from(network.adaptPA);
  const drivingMV = network.ions.params.adaptReferenceMV - network.ions.eKNormal;
  for (let i = 0; i < network.excitatory; i++) w[i] *= drivingMV;
  return w;
}

/** Throws an ExportError naming the first field that does not fit the network. */
export function checkSonataInput(input: SonataInput): void {
  if (input === null || typeof input !== 'object') throw new ExportError('network', 'expected the built network to export');
  const { config, connectivity: c, layout, state } = input;
  const n = config?.neurons;
  if (!Number.isInteger(n) || n <= 0) throw new ExportError('config.neurons', `${String(n)} is not a network size`);
  if (!Number.isInteger(input.excitatory) || input.excitatory < 0 || input.excitatory > n) {
    throw new ExportError('excitatory', `${String(input.excitatory)} is not allowed: expected 0 to ${n}`);
  }
  if (!c || c.neurons !== n || c.rowStart.length !== n + 1 || c.targets.length !== c.delaySteps.length || c.rowStart[n] !== c.targets.length) {
    throw new ExportError('connectivity', `expected CSR rows for ${n} neurons (rowStart of ${n + 1}, targets and delaySteps alike)`);
  }
  if (!layout || layout.siteOfNeuron.length !== n || !(layout.width > 0)) throw new ExportError('layout', `expected sites for ${n} neurons`);
  for (const key of ['vMV', 'vThreshMV', 'gAmpaNS', 'gGabaNS', 'sNmda', 'adaptPA'] as const) {
    if (!state?.[key] || state[key].length < n) throw new ExportError(`state.${key}`, `expected ${n} values`);
  }
  if (!(typeof input.durationMs === 'number' && input.durationMs > 0 && Number.isFinite(input.durationMs))) {
    throw new ExportError('durationMs', `${String(input.durationMs)} is not allowed: expected a duration > 0 ms`);
  }
}

/**
 * Mg Gate's synapses as SONATA edges for NEST's iaf_bw_2001, which takes AMPA, NMDA and GABA_A
 * input on separate receptor ports: an excitatory synapse becomes two edges (AMPA and NMDA, same
 * source, target and delay), an inhibitory one a GABA edge. Grouped by edge type, each group in
 * CSR order (by source, then target as drawn). Weights are conductances per spike in nS
 * (iaf_bw_2001 folds g into the weight, as Mg Gate applies the target population's g per spike —
 * docs/MODEL.md §Synapses), with the live scales at export baked in; delays are steps · dt in ms.
 */
import type { SonataInput } from './input';

/** Edge types in edge_types.csv; numbers are SONATA edge_type_ids, not NEST receptor ports. */
export const EDGE_TYPES = [
  { id: 0, receptor: 'AMPA', from: 'E', json: 'ampa.json' },
  { id: 1, receptor: 'NMDA', from: 'E', json: 'nmda.json' },
  { id: 2, receptor: 'GABA', from: 'I', json: 'gaba.json' },
] as const;

export interface SonataEdges {
  source: Uint32Array;
  target: Uint32Array;
  typeId: Uint32Array;
  weightNS: Float64Array;
  delayMs: Float64Array;
  /** Edge types present (NMDA only where some population has NMDA) */
  types: (typeof EDGE_TYPES)[number][];
}

/** Whether NMDA is in the model at all (as the core decides: some gNmdaNS > 0, even scaled to 0). */
export function nmdaModelled(input: SonataInput): boolean {
  return input.config.exc.gNmdaNS > 0 || input.config.inh.gNmdaNS > 0;
}

export function buildEdges(input: SonataInput): SonataEdges {
  const { config, live, excitatory: nE, connectivity: c } = input;
  const { rowStart, targets, delaySteps } = c;
  const eSynapses = rowStart[nE];
  const iSynapses = targets.length - eSynapses;
  const withNmda = nmdaModelled(input);
  const total = eSynapses * (withNmda ? 2 : 1) + iSynapses;
  const edges: SonataEdges = {
    source: new Uint32Array(total),
    target: new Uint32Array(total),
    typeId: new Uint32Array(total),
    weightNS: new Float64Array(total),
    delayMs: new Float64Array(total),
    types: EDGE_TYPES.filter((t) => t.receptor !== 'NMDA' || withNmda),
  };
  // per target population (E, I): the conductance one spike adds, with the live scale
  const ampa = [config.exc.gAmpaNS * live.gAmpaScale, config.inh.gAmpaNS * live.gAmpaScale];
  const nmda = [config.exc.gNmdaNS * live.gNmdaScale, config.inh.gNmdaNS * live.gNmdaScale];
  const gaba = [config.exc.gGabaNS * live.gGabaScale, config.inh.gGabaNS * live.gGabaScale];

  let at = 0;
  const emit = (preLo: number, preHi: number, typeId: number, weights: number[]): void => {
    for (let pre = preLo; pre < preHi; pre++) {
      for (let e = rowStart[pre]; e < rowStart[pre + 1]; e++) {
        const post = targets[e];
        edges.source[at] = pre;
        edges.target[at] = post;
        edges.typeId[at] = typeId;
        edges.weightNS[at] = weights[post < nE ? 0 : 1];
        edges.delayMs[at] = delaySteps[e] * config.dtMs;
        at++;
      }
    }
  };
  emit(0, nE, 0, ampa);
  if (withNmda) emit(0, nE, 1, nmda);
  emit(nE, c.neurons, 2, gaba);
  return edges;
}

/**
 * The SONATA HDF5 files (github.com/AllenInstitute/sonata, docs/SONATA_DEVELOPER_GUIDE.md: "The
 * node table", "The edge table"): one node population holding both E and I cells (node types 0
 * and 1), and one edge population onto it with a single edge group 0 — the layout NEST's
 * SonataConnector reads (one edge group per population; syn_weight and delay per edge).
 *
 *   nodes.h5  /nodes/mg_gate/{node_id, node_type_id, node_group_id, node_group_index}
 *             /nodes/mg_gate/0/{x, y}                  positions, µm (sheet) or grid sites (random)
 *             /nodes/mg_gate/0/dynamics_params/{V_th, V_m, s_AMPA, s_GABA, s_NMDA}   per neuron
 *             /nodes/mg_gate/0/w_adapt_pA              Mg Gate's adaptation current (no NEST parameter)
 *   edges.h5  /edges/mg_gate_to_mg_gate/{source_node_id, target_node_id (@node_population),
 *             edge_type_id, edge_group_id, edge_group_index}, /0/{syn_weight (nS), delay (ms)}
 * Both files carry the root attributes the guide requires: version (uint32 × 2) and magic 0x0A7A.
 */
import type { File as H5File, Group } from 'h5wasm';
import { addArray, addAttributes, addGroup, buildHdf5, toUint64 } from '../nwb/hdf5';
import type { SonataEdges } from './edges';
import type { SonataInput } from './input';

export const NODE_POPULATION = 'mg_gate';
export const EDGE_POPULATION = 'mg_gate_to_mg_gate';
/** SONATA format version the files follow (the developer guide's 0.1) and its magic number. */
const SONATA_VERSION = new Uint32Array([0, 1]);
const SONATA_MAGIC = 0x0a7a;

/** Floor for NEST's conc_Mg2, which must be > 0: at 1e-6 mM the block is 1 − 3e-7 at −60 mV, i.e. none. */
export const NEST_MG_FLOOR_MM = 1e-6;

function sonataRoot(file: H5File): void {
  addAttributes(file, { version: SONATA_VERSION, magic: SONATA_MAGIC }, { magic: '<I' });
}

function counting(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

export function nodesH5(input: SonataInput): Promise<Uint8Array> {
  const { config, excitatory: nE, layout, state } = input;
  const n = config.neurons;
  const micronsPerSite = config.topology.kind === 'sheet' ? config.topology.siteSpacingUm : 1;
  return buildHdf5('nodes.h5', (file) => {
    sonataRoot(file);
    const pop = addGroup(addGroup(file, 'nodes'), NODE_POPULATION);
    const ids = counting(n);
    const typeIds = new Uint32Array(n);
    typeIds.fill(1, nE);
    addArray(pop, 'node_id', toUint64(ids));
    addArray(pop, 'node_type_id', typeIds);
    addArray(pop, 'node_group_id', new Uint32Array(n));
    addArray(pop, 'node_group_index', toUint64(ids));

    const group = addGroup(pop, '0');
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = (layout.siteOfNeuron[i] % layout.width) * micronsPerSite;
      y[i] = Math.floor(layout.siteOfNeuron[i] / layout.width) * micronsPerSite;
    }
    addArray(group, 'x', x);
    addArray(group, 'y', y);
    const perNeuron = (values: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => values(i));
    addArray(group, 'w_adapt_pA', perNeuron((i) => state.adaptPA[i]));

    // iaf_bw_2001's state holds weighted conductances (nS): s_AMPA = g_AMPA, s_NMDA = g_NMDA per unit S · S
    const params = addGroup(group, 'dynamics_params');
    const gNmda = [config.exc.gNmdaNS * input.live.gNmdaScale, config.inh.gNmdaNS * input.live.gNmdaScale];
    addArray(params, 'V_th', perNeuron((i) => state.vThreshMV[i]));
    addArray(params, 'V_m', perNeuron((i) => state.vMV[i]));
    addArray(params, 's_AMPA', perNeuron((i) => state.gAmpaNS[i]));
    addArray(params, 's_GABA', perNeuron((i) => state.gGabaNS[i]));
    addArray(params, 's_NMDA', perNeuron((i) => state.sNmda[i] * gNmda[i < nE ? 0 : 1]));
  });
}

export function edgesH5(edges: SonataEdges): Promise<Uint8Array> {
  const count = edges.source.length;
  return buildHdf5('edges.h5', (file) => {
    sonataRoot(file);
    const pop: Group = addGroup(addGroup(file, 'edges'), EDGE_POPULATION);
    const source = addArray(pop, 'source_node_id', toUint64(edges.source));
    addAttributes(source, { node_population: NODE_POPULATION });
    const target = addArray(pop, 'target_node_id', toUint64(edges.target));
    addAttributes(target, { node_population: NODE_POPULATION });
    addArray(pop, 'edge_type_id', edges.typeId);
    addArray(pop, 'edge_group_id', new Uint32Array(count));
    addArray(pop, 'edge_group_index', toUint64(counting(count)));
    const group = addGroup(pop, '0');
    addArray(group, 'syn_weight', edges.weightNS);
    addArray(group, 'delay', edges.delayMs);
  });
}

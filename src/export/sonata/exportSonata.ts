/**
 * The NEST export: the network in SONATA (nodes.h5, edges.h5, type tables, parameters, configs),
 * the PyNEST script that builds and runs it (run_nest.py, ready for mpirun) and a README. Returns
 * the files as bytes by relative path — the runner writes them into a folder
 * (src/export/sonata/node.ts), the page can zip them for a download.
 */
import { ExportError } from '../nwb/hdf5';
import { buildEdges } from './edges';
import { configFiles, departures, NEST_MODEL } from './configFiles';
import { edgesH5, nodesH5 } from './h5files';
import { checkSonataInput } from './input';
import type { SonataInput } from './input';
import runNestPy from './run_nest.py?raw';
import type { ExportedFile } from '../exportedFile';

export type { ExportedFile };

export async function exportSonata(input: SonataInput): Promise<ExportedFile[]> {
  checkSonataInput(input);
  const edges = buildEdges(input);
  const text: Record<string, string> = {
    ...configFiles(input, edges),
    'run_nest.py': runNestPy,
    'README.md': readme(input, edges.source.length),
  };
  const utf8 = new TextEncoder();
  const files: ExportedFile[] = [
    { path: 'nodes.h5', bytes: await nodesH5(input) },
    { path: 'edges.h5', bytes: await edgesH5(edges) },
  ];
  for (const [path, content] of Object.entries(text)) files.push({ path, bytes: utf8.encode(content) });
  for (const f of files) {
    if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)?$/.test(f.path)) throw new ExportError('files', `bad export path ${f.path}`);
  }
  return files;
}

function readme(input: SonataInput, edgeCount: number): string {
  const { config, excitatory: nE } = input;
  return `# Mg Gate network for NEST (SONATA)

Exported by Mg Gate: preset \`${config.preset}\`, ${config.neurons} neurons (${nE} E, ${config.neurons - nE} I),
${input.connectivity.targets.length} synapses as ${edgeCount} NEST connections, dt ${config.dtMs} ms, seed ${config.seed},
[Mg²⁺]o ${input.live.mgOutMM} mM. Neuron model: NEST's \`${NEST_MODEL}\` (NEST ≥ 3.8).

## Run

    python3 run_nest.py --duration-ms ${input.durationMs} --json
    mpirun -np 8 python3 run_nest.py --threads 4 --mg 0 --spikes spikes.csv --json

Needs NEST built with GSL, Boost and HDF5, and h5py, numpy, pandas (mpi4py to gather all ranks' spikes on rank 0).
\`--builder arrays\` builds without NEST's SONATA reader (one process). \`--json\` prints one line with
rateEHz, rateIHz, spikes, buildS, simS; \`--spikes\` writes neuron_id,time_ms with Mg Gate's ids.

## Files

| file | what |
|---|---|
| nodes.h5 | population \`mg_gate\`: node_id, node_type_id (0 = E, 1 = I), node_group_id, node_group_index; group 0: x, y, per-neuron V_th, V_m, s_AMPA, s_GABA, s_NMDA (dynamics_params) and w_adapt_pA (not used by NEST) |
| edges.h5 | population \`mg_gate_to_mg_gate\`: source/target_node_id, edge_type_id, edge_group_id, edge_group_index; group 0: syn_weight (nS), delay (ms) |
| node_types.csv, point_neuron_models/ | ${NEST_MODEL} parameters per population |
| edge_types.csv, synaptic_models/ | static_synapse onto receptor AMPA, NMDA or GABA (receptor_type) |
| circuit_config.json, simulation_config.json | SONATA configs (nest.SonataNetwork reads both); \`mg_gate\` blocks hold the full Mg Gate configuration, the drive and the departures below |

## Where NEST's run differs from Mg Gate's

${departures(input)
  .map((d) => `- ${d}`)
  .join('\n')}

## What was checked where this was written

The files were checked against SONATA's required fields with h5py, every synapse with its weight
and delay; run_nest.py was compiled and run against a stand-in for the \`nest\` module. NEST itself
was not run: compare rates with Mg Gate's before trusting a large run.
`;
}

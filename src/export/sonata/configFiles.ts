/**
 * The SONATA text files: node and edge type tables (CSV, space separated, as the developer guide
 * asks), the NEST parameters they point to (JSON), and the circuit and simulation configs in the
 * layout nest.SonataNetwork parses (a manifest with $BASE_DIR, components, networks, run). The
 * Mg Gate parameters map onto NEST's iaf_bw_2001 (NEST ≥ 3.8; see its model documentation);
 * `departures` lists, computed from this network, where that model is not Mg Gate's.
 */
import type { PopulationParams } from '../../core/params';
import { EDGE_TYPES, nmdaModelled } from './edges';
import type { SonataEdges } from './edges';
import { EDGE_POPULATION, NEST_MG_FLOOR_MM, NODE_POPULATION } from './h5files';
import type { SonataInput } from './input';

export const NEST_MODEL = 'iaf_bw_2001';

/** iaf_bw_2001's parameters for one population (its names; ms, mV, nS, pF, mM as in Mg Gate). */
export function nestNeuronParams(input: SonataInput, pop: PopulationParams): Record<string, number> {
  const s = input.config.synapses;
  return {
    C_m: pop.capPF,
    g_L: pop.gLeakNS,
    E_L: pop.eLeakMV,
    V_th: pop.vThreshMV,
    V_reset: pop.vResetMV,
    t_ref: pop.tauRefMs,
    E_ex: s.eAmpaMV,
    E_in: s.eGabaMV,
    tau_AMPA: s.tauAmpaMs,
    tau_GABA: s.tauGabaMs,
    tau_rise_NMDA: s.tauNmdaRiseMs,
    tau_decay_NMDA: s.tauNmdaDecayMs,
    alpha: s.nmdaAlphaPerMs,
    conc_Mg2: Math.max(input.live.mgOutMM, NEST_MG_FLOOR_MM),
  };
}

/** Where NEST's iaf_bw_2001 run of these files will differ from Mg Gate's run of the same network. */
export function departures(input: SonataInput): string[] {
  const { config, live } = input;
  const out: string[] = [
    'Mg block: the same B(V) = 1 / (1 + [Mg]o/3.57 mM · exp(−0.062 V/mV)) in both; only [Mg]o (conc_Mg2) is a parameter in NEST.',
    'NMDA jump per presynaptic spike: NEST uses k0 + k1·s_pre with k0 = 0.648 (incomplete gamma function), Mg Gate k0 = 1 − exp(−α τ_rise) = 0.632 (docs/MODEL.md §Synapses).',
    'Integration: NEST integrates iaf_bw_2001 with adaptive RKF45 (GSL), adds a step\'s arrivals after integrating it and spikes at V ≥ V_th; Mg Gate adds arrivals first, takes one backward-Euler step per dt and spikes at V > V_th.',
    'Every excitatory synapse is two NEST connections (AMPA and NMDA receptor ports): twice Mg Gate\'s synapse memory.',
    `Drive: one poisson_generator per population at driveInputs × driveRateHz = ${config.driveInputs * live.driveRateHz} Hz per neuron (independent per target), delivered after one step (NEST's minimum delay); Mg Gate adds the step's drive at once.`,
    'Random numbers: NEST draws its own drive; spikes match Mg Gate statistically, never spike for spike.',
  ];
  if (config.exc.adaptIncrementPA > 0 || config.inh.adaptIncrementPA > 0) {
    out.push(
      `Adaptation is absent: iaf_bw_2001 has no spike-triggered current (Mg Gate: b = ${config.exc.adaptIncrementPA} pA × ${live.adaptScale}, τ ${config.exc.tauAdaptMs} ms on E cells). ` +
        'It is what ends a population burst, so at low [Mg]o NEST\'s network will fire tonically where Mg Gate bursts (docs/MODEL.md §Neurons). A NESTML model would be needed.',
    );
  }
  if (live.ionsOn === 1) {
    out.push(
      `Ion dynamics are absent: Mg Gate ran this network with the ion model on ([K]o and [Na]i per patch, the pump, glia, E_K and E_GABA following [K]o, the threshold's screening shift at [Ca]o ${live.caOutMM} mM; docs/MODEL.md §Ion dynamics); ` +
        'SONATA and iaf_bw_2001 have fixed ions, so NEST runs the fixed-ion network and no seizure builds up through [K]o. The Brian2 export carries the ion model.',
    );
  }
  if (config.synapses.eNmdaMV !== config.synapses.eAmpaMV) {
    out.push(`NEST's E_ex serves AMPA and NMDA; Mg Gate's eNmdaMV (${config.synapses.eNmdaMV} mV) differs from eAmpaMV and is not exported.`);
  }
  if (live.mgOutMM < NEST_MG_FLOOR_MM) out.push(`[Mg]o = ${live.mgOutMM} mM: NEST requires conc_Mg2 > 0, exported as ${NEST_MG_FLOOR_MM} mM (no block).`);
  if (input.stepIndex > 0) {
    out.push(`Exported at step ${input.stepIndex}, not at the build: spikes in flight, presynaptic NMDA gating, refractory counters are not carried over.`);
  }
  return out;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The text files of the export, by path relative to the export folder. */
export function configFiles(input: SonataInput, edges: SonataEdges): Record<string, string> {
  const { config, live, excitatory: nE } = input;
  const drive = {
    ratePerNeuronHz: config.driveInputs * live.driveRateHz,
    weightNS: { E: config.exc.gDriveNS * live.gAmpaScale, I: config.inh.gDriveNS * live.gAmpaScale },
    receptor: 'AMPA',
  };
  const files: Record<string, string> = {
    'node_types.csv':
      'node_type_id population model_type model_template dynamics_params ei\n' +
      `0 ${NODE_POPULATION} point_neuron nest:${NEST_MODEL} exc.json e\n` +
      `1 ${NODE_POPULATION} point_neuron nest:${NEST_MODEL} inh.json i\n`,
    'edge_types.csv':
      'edge_type_id population model_template dynamics_params receptor source_ei\n' +
      edges.types.map((t) => `${t.id} ${EDGE_POPULATION} static_synapse ${t.json} ${t.receptor} ${t.from.toLowerCase()}`).join('\n') +
      '\n',
    'point_neuron_models/exc.json': json(nestNeuronParams(input, config.exc)),
    'point_neuron_models/inh.json': json(nestNeuronParams(input, config.inh)),
    'circuit_config.json': json({
      manifest: { $BASE_DIR: '.' },
      target_simulator: 'NEST',
      components: { point_neuron_models_dir: '$BASE_DIR/point_neuron_models', synaptic_models_dir: '$BASE_DIR/synaptic_models' },
      networks: {
        nodes: [{ nodes_file: '$BASE_DIR/nodes.h5', node_types_file: '$BASE_DIR/node_types.csv' }],
        edges: [{ edges_file: '$BASE_DIR/edges.h5', edge_types_file: '$BASE_DIR/edge_types.csv' }],
      },
      mg_gate: {
        about: 'Exported by Mg Gate. Units: ms, mV, nS, pF, pA, mM; syn_weight in nS (iaf_bw_2001 folds g into the weight), delay in ms.',
        preset: config.preset,
        neurons: config.neurons,
        excitatory: nE,
        positions: config.topology.kind === 'sheet' ? `µm (${config.topology.siteSpacingUm} µm per site, ${input.layout.width} × ${input.layout.height} torus)` : 'display grid sites (no physical space)',
        nmdaModelled: nmdaModelled(input),
        stepIndex: input.stepIndex,
        live,
        config,
      },
    }),
    'simulation_config.json': json({
      manifest: { $BASE_DIR: '.' },
      target_simulator: 'NEST',
      network: '$BASE_DIR/circuit_config.json',
      run: { tstop: input.durationMs, dt: config.dtMs },
      output: { output_dir: '$BASE_DIR/output', spikes_file: 'spikes.csv' },
      mg_gate: {
        seed: config.seed,
        drive,
        mgOutMM: live.mgOutMM,
        departures: departures(input),
      },
    }),
  };
  // receptor ports of iaf_bw_2001 (AMPA 1, GABA 2, NMDA 3), for nest.SonataNetwork; run_nest.py looks them up in NEST
  const ports: Record<string, number> = { AMPA: 1, GABA: 2, NMDA: 3 };
  for (const t of EDGE_TYPES) {
    if (edges.types.includes(t)) files[`synaptic_models/${t.json}`] = json({ receptor_type: ports[t.receptor] });
  }
  return files;
}

// The NEST export (SONATA + run_nest.py) of a small sheet: the files checked against SONATA's required
// fields with Debian's python3-h5py (sonataCheck.py), every synapse with its weight and delay, the
// script compiled and run against a stand-in for PyNEST (fake_nest/). NEST itself is not installable here.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Network } from '../../../src/core/network';
import { presetConfig, withNeurons } from '../../../src/core/presets';
import { Simulation } from '../../../src/core/simulation';
import { ExportError } from '../../../src/export/nwb/hdf5';
import { exportSonata } from '../../../src/export/sonata/exportSonata';
import { sonataInputOf } from '../../../src/export/sonata/input';
import { writeExportFolder } from '../../../src/export/writeFolder';

const PYTHON = '/usr/bin/python3';
const CHECKER = join(__dirname, 'sonataCheck.py');
const FAKE_NEST = join(__dirname, 'fake_nest');
const PORT = { AMPA: 1, GABA: 2, NMDA: 3 } as const;

const python = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(PYTHON, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });

/** Every synapse as NEST should get it: [pre, post, weight nS, delay ms, receptor], E synapses twice (AMPA, NMDA). */
function expectedSynapses(net: Network): { receptor: keyof typeof PORT; key: string }[] {
  const { rowStart, targets, delaySteps } = net.connectivity;
  const { exc, inh, dtMs } = net.config;
  const live = net.live;
  const out: { receptor: keyof typeof PORT; key: string }[] = [];
  for (let pre = 0; pre < net.neurons; pre++) {
    for (let e = rowStart[pre]; e < rowStart[pre + 1]; e++) {
      const post = targets[e];
      const to = post < net.excitatory ? exc : inh;
      const delay = delaySteps[e] * dtMs;
      if (pre < net.excitatory) {
        out.push({ receptor: 'AMPA', key: `${pre},${post},${to.gAmpaNS * live.gAmpaScale},${delay}` });
        out.push({ receptor: 'NMDA', key: `${pre},${post},${to.gNmdaNS * live.gNmdaScale},${delay}` });
      } else {
        out.push({ receptor: 'GABA', key: `${pre},${post},${to.gGabaNS * live.gGabaScale},${delay}` });
      }
    }
  }
  return out;
}

const sorted = (keys: string[]) => [...keys].sort();

describe('NEST export (SONATA)', () => {
  let net: Network;
  let dir: string;
  let report: Record<string, any>;

  beforeAll(async () => {
    const sim = Simulation.create(withNeurons(presetConfig('sheet'), 300));
    sim.setLive({ mgOutMM: 0.4, gAmpaScale: 1.2, gGabaScale: 0.9 }); // baked into conc_Mg2 and the weights
    net = sim.network;
    dir = mkdtempSync(join(tmpdir(), 'mg-gate-nest-'));
    await writeExportFolder(dir, await exportSonata(sonataInputOf(net, 500)), '--export-nest');
    report = JSON.parse(python([CHECKER, dir]));
  });

  it('has every field SONATA requires, consistent across the files', () => {
    expect(report.errors).toEqual([]);
    expect(report.nodes).toMatchObject({ population: 'mg_gate', count: 300, idDtype: 'uint64' });
    expect(report.edges).toMatchObject({ population: 'mg_gate_to_mg_gate', idDtype: 'uint64' });
  });

  it('holds every synapse once per receptor, with its weight (nS) and delay (ms)', () => {
    const expected = expectedSynapses(net);
    expect(expected.length).toBe(net.synapses + net.connectivity.rowStart[net.excitatory]);
    expect(report.edges.count).toBe(expected.length);
    for (const [typeId, type] of Object.entries(report.edgeTypes as Record<string, { receptor: keyof typeof PORT; receptor_type: number }>)) {
      expect(type.receptor_type).toBe(PORT[type.receptor]);
      const e = report.edges.byType[typeId];
      const got = e.source.map((s: number, k: number) => `${s},${e.target[k]},${e.weight[k]},${e.delay[k]}`);
      expect(sorted(got)).toEqual(sorted(expected.filter((x) => x.receptor === type.receptor).map((x) => x.key)));
    }
    expect(Object.values(report.edgeTypes).map((t: any) => t.receptor)).toEqual(['AMPA', 'NMDA', 'GABA']);
  });

  it('gives every node its type, position (µm) and state, and each type its iaf_bw_2001 parameters', () => {
    const n = net.neurons;
    const { siteOfNeuron, width } = net.layout;
    expect(report.nodes.ids).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(report.nodes.typeIds).toEqual(Array.from({ length: n }, (_, i) => (i < net.excitatory ? 0 : 1)));
    expect(report.nodes.x).toEqual(Array.from(siteOfNeuron, (s) => (s % width) * 50));
    expect(report.nodes.y).toEqual(Array.from(siteOfNeuron, (s) => Math.floor(s / width) * 50));
    expect(report.nodes.dynamics.V_th).toEqual(Array.from(net.vThreshMV.subarray(0, n)));
    expect(report.nodes.dynamics.V_m).toEqual(Array.from(net.vMV.subarray(0, n)));
    expect(report.nodes.dynamics.s_AMPA).toEqual(Array.from(net.gAmpaNS.subarray(0, n)));
    const e = net.config.exc;
    expect(report.nodeTypes['0']).toMatchObject({ C_m: e.capPF, g_L: e.gLeakNS, E_L: e.eLeakMV, V_reset: e.vResetMV, t_ref: e.tauRefMs, conc_Mg2: 0.4 });
    expect(report.nodeTypes['0']).toMatchObject({ tau_AMPA: 5, tau_GABA: 10, tau_rise_NMDA: 2, tau_decay_NMDA: 100, alpha: 0.5, E_ex: 0, E_in: -80 });
  });

  it('notices a missing delay (the check can fail)', () => {
    const spoiled = mkdtempSync(join(tmpdir(), 'mg-gate-nest-spoiled-'));
    python(['-c', `import shutil; shutil.copytree(${JSON.stringify(dir)}, ${JSON.stringify(spoiled)}, dirs_exist_ok=True)`]);
    python(['-c', `import h5py; f = h5py.File(${JSON.stringify(join(spoiled, 'edges.h5'))}, 'a'); del f['edges/mg_gate_to_mg_gate/0/delay']`]);
    expect(JSON.parse(python([CHECKER, spoiled])).errors).toContain('edges.h5: edge group 0 with syn_weight and delay');
  });

  it('writes a run_nest.py that compiles', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'mg-gate-pyc-')), 'run_nest.py');
    copyFileSync(join(dir, 'run_nest.py'), copy);
    expect(() => python(['-m', 'py_compile', copy])).not.toThrow();
  });

  for (const builder of ['sonata', 'arrays'] as const) {
    it(`run_nest.py --builder ${builder} connects every synapse, the drive and the state (against a stand-in for PyNEST)`, () => {
      const log = join(dir, `fake-nest-${builder}.json`);
      const csv = join(dir, `spikes-${builder}.csv`);
      const line = python([join(dir, 'run_nest.py'), '--builder', builder, '--duration-ms', '200', '--mg', '0', '--spikes', csv, '--json'], {
        PYTHONPATH: FAKE_NEST,
        FAKE_NEST_LOG: log,
      });
      const fake = JSON.parse(readFileSync(log, 'utf8'));
      const first = fake.neurons[0];
      expect(fake.neurons).toHaveLength(300);
      expect(fake.kernel).toMatchObject({ resolution: 0.1, local_num_threads: 1, rng_seed: 2 });
      const byPort = (port: number) => fake.connections.filter((c: number[]) => c[4] === port).map((c: number[]) => `${c[0] - first},${c[1] - first},${c[2]},${c[3]}`);
      const expected = expectedSynapses(net);
      for (const receptor of ['AMPA', 'NMDA', 'GABA'] as const) {
        expect(sorted(byPort(PORT[receptor]))).toEqual(sorted(expected.filter((x) => x.receptor === receptor).map((x) => x.key)));
      }
      expect(fake.params[String(first)]).toMatchObject({ V_th: net.vThreshMV[0], V_m: net.vMV[0], conc_Mg2: 1e-6, C_m: 200 });
      const driveRateHz = net.config.driveInputs * net.live.driveRateHz;
      expect(fake.drive.map((d: any) => [d.rate, d.targets.length, d.weight, d.delay, d.receptor])).toEqual([
        [driveRateHz, net.excitatory, 1.2, 0.1, PORT.AMPA],
        [driveRateHz, 300 - net.excitatory, 1.2, 0.1, PORT.AMPA],
      ]);
      expect(fake.recorded).toBe(300);
      const summary = JSON.parse(line.trim().split('\n').at(-1)!);
      expect(summary).toMatchObject({ engine: 'NEST', builder, neurons: 300, spikes: fake.events, durationMs: 200, mgOutMM: 0 });
      expect(summary.rateEHz).toBeGreaterThan(0);
      const rows = readFileSync(csv, 'utf8').trim().split('\n');
      expect(rows[0]).toBe('neuron_id,time_ms');
      expect(rows).toHaveLength(fake.events + 1);
    });
  }
});

describe('NEST export: a network with the ion model on', () => {
  it('lists the missing ion model among the departures and writes the adaptation in pA', async () => {
    const sim = Simulation.create(withNeurons(presetConfig('sheet'), 300)); // the sheet has ions on
    const net = sim.network;
    expect(net.live.ionsOn).toBe(1);
    const input = sonataInputOf(net, 100);
    const drivingMV = net.ions.params.adaptReferenceMV - net.ions.eKNormal; // −55 − (−98.6) mV
    expect(drivingMV).toBeGreaterThan(40);
    const adaptNS = Array.from(net.adaptPA.subarray(0, net.excitatory));
    expect(adaptNS.some((w) => w > 0)).toBe(true); // a start state with adaptation: the conversion is seen
    expect(Array.from(input.state.adaptPA).slice(0, net.excitatory)).toEqual(adaptNS.map((w) => w * drivingMV));
    const files = await exportSonata(input);
    const readme = new TextDecoder().decode(files.find((f) => f.path === 'README.md')!.bytes);
    expect(readme).toContain('Ion dynamics are absent');
    const off = Simulation.create({ ...withNeurons(presetConfig('sheet'), 300), live: { ...presetConfig('sheet').live, ionsOn: 0 } });
    expect(sonataInputOf(off.network, 100).state.adaptPA).toBe(off.network.adaptPA);
  });
});

describe('NEST export: other networks and bad input', () => {
  it('exports COBA (no NMDA, no drive) with AMPA and GABA edges only', async () => {
    const net = Simulation.create(withNeurons(presetConfig('coba'), 200)).network;
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-nest-coba-'));
    await writeExportFolder(dir, await exportSonata(sonataInputOf(net, 100)), '--export-nest');
    const report = JSON.parse(python([CHECKER, dir]));
    expect(report.errors).toEqual([]);
    expect(Object.values(report.edgeTypes).map((t: any) => t.receptor)).toEqual(['AMPA', 'GABA']);
    expect(report.edges.count).toBe(net.synapses);
  });

  it('names the field or the flag at fault', async () => {
    const net = Simulation.create(withNeurons(presetConfig('coba'), 100)).network;
    const error = await exportSonata(sonataInputOf(net, 0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).field).toBe('durationMs');
    const file = join(mkdtempSync(join(tmpdir(), 'mg-gate-nest-bad-')), 'a-file');
    writeFileSync(file, '');
    const files = await exportSonata(sonataInputOf(net, 100));
    const denied = await writeExportFolder(join(file, 'sub'), files, '--export-nest').catch((e: unknown) => e);
    expect((denied as Error).message).toMatch(/^--export-nest: cannot write into .*a-file\/sub \(ENOTDIR\)/);
  });
});

/**
 * The Brian2 export with the ion model on (issue 15: "the ion dynamics when they exist and are on"),
 * run under Debian's python3-brian (2.5.1), on a 1,000-cell sheet:
 *  1. exact-ish: without drive, with Mg Gate's own scheme (--method mggate) and the reference
 *     kernel, Brian2 fires the same spikes as Mg Gate and its patches hold the same [K]o: the field,
 *     its ion step and the coupling to the cells are carried over, not only the wiring;
 *  2. regime: with Brian2's integrator (forward Euler) and its own Poisson drive, both show the
 *     same regime through the same analysis — at 0 mM [K]o climbs past 8 mM and an ictal episode
 *     starts within the first seconds; at 1.2 mM [K]o stays within 1 mM of the 3.5 mM bath.
 * Needs /usr/bin/python3 with brian2 (apt-get install -y python3-brian).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRun, analysisNetworkOf } from '../../src/analysis';
import type { NetworkConfig } from '../../src/core/params';
import { presetConfig, withNeurons } from '../../src/core/presets';
import { Simulation } from '../../src/core/simulation';
import { brian2ExportFiles } from '../../src/export/brian2/brian2Export';
import { writeExportFolder } from '../../src/export/writeFolder';
import { BRIAN2_TIMEOUT_MS, runNetworkPy, spikeKeys, useBrian2Folder } from './brian2Peer';

/** the runner's and the analysis's [K]o sampling: every 1,000 steps (100 ms at dt 0.1 ms) */
const SAMPLE_STEPS = 1000;

const root = useBrian2Folder('mg-brian2-ions-');

function sheetWithIons(neurons: number, seed: number, mgOutMM: number): NetworkConfig {
  const config = withNeurons(presetConfig('sheet'), neurons);
  config.seed = seed;
  config.live.mgOutMM = mgOutMM;
  config.live.ionsOn = 1;
  return config;
}

/** Mg Gate's run, exported before its first step; [K]o sampled every SAMPLE_STEPS steps. */
async function runMgGate(config: NetworkConfig, durationMs: number, dir: string, kernel: 'reference' | 'auto' = 'auto') {
  const sim = Simulation.create(config, { kernel, sharedMemory: false });
  await writeExportFolder(dir, brian2ExportFiles(sim.network), 'dir');
  const steps = Math.round(durationMs / config.dtMs);
  const kMax: number[] = [];
  const kMean: number[] = [];
  for (let done = 0; done < steps; done += SAMPLE_STEPS) {
    sim.advance(Math.min(SAMPLE_STEPS, steps - done));
    kMax.push(sim.network.ions.kOutMaxMM());
    kMean.push(sim.network.ions.kOutMeanMM());
  }
  const { ids, steps: at, count } = sim.spikes;
  const spikes = { ids: ids.slice(0, count), steps: at.slice(0, count) };
  const analysis = analyseRun(analysisNetworkOf(sim.network), spikes.ids, spikes.steps, steps, {}, { stepsPerSample: SAMPLE_STEPS, maxMM: kMax });
  return { spikes, analysis, kMax, kMean, kPeak: sim.network.ions.kOutPeakMM(), network: sim.network };
}

/** network.py's run with its ion trace: spikes in step order, mean and max [K]o every 100 ms. */
async function runBrian2(dir: string, durationMs: number, dtMs: number, extra: string[]) {
  const { result, spikes, ionRows } = await runNetworkPy(dir, durationMs, dtMs, extra, true);
  return { result, spikes, kMean: ionRows.map((r) => r[1]), kMax: ionRows.map((r) => r[2]) };
}

describe('Brian2 export with the ion model on', () => {
  it('steps the same ion field and the same cells as Mg Gate, spike for spike, without drive', { timeout: BRIAN2_TIMEOUT_MS }, async () => {
    const config = sheetWithIons(1000, 1, 0);
    config.live.driveRateHz = 0;
    Object.assign(config.init, { vMeanMV: -52, gAmpaMeanNS: 15, adaptMeanPA: 0 });
    const dir = join(root.path, 'exact');
    const durationMs = 300;
    const mg = await runMgGate(config, durationMs, dir, 'reference');
    const b2 = await runBrian2(dir, durationMs, config.dtMs, ['--method', 'mggate']);
    const same = new Set(spikeKeys(mg.spikes));
    const shared = spikeKeys(b2.spikes).filter((k) => same.has(k)).length;
    console.log(`ions exact: Mg Gate ${mg.spikes.ids.length} spikes, Brian2 ${b2.spikes.ids.length}, shared ${shared}; ` +
      `[K]o mean at 100/200/300 ms Mg Gate ${mg.kMean.map((k) => k.toFixed(6)).join('/')}, Brian2 ${b2.kMean.map((k) => k.toFixed(6)).join('/')}`);
    expect(mg.spikes.ids.length).toBeGreaterThan(10_000); // the network is firing: the field moves
    expect(mg.kMax[2]).toBeGreaterThan(config.live.kBathMM + 0.3);
    expect(b2.spikes.ids.length).toBe(mg.spikes.ids.length);
    expect(shared).toBe(mg.spikes.ids.length);
    expect(b2.kMean).toHaveLength(3);
    for (let k = 0; k < 3; k++) {
      expect(b2.kMean[k]).toBeCloseTo(mg.kMean[k], 9);
      expect(b2.kMax[k]).toBeCloseTo(mg.kMax[k], 9);
    }
  });

  it('shows the same regime with Brian2\'s integrator and drive: a seizure at 0 mM, a quiet bath at 1.2 mM', { timeout: 2 * BRIAN2_TIMEOUT_MS }, async () => {
    const rows: string[] = [];
    const cases = [
      { mgOutMM: 0, durationMs: 6000 },
      { mgOutMM: 1.2, durationMs: 3000 },
    ];
    await Promise.all(
      cases.map(async ({ mgOutMM, durationMs }) => {
        const config = sheetWithIons(1000, 1, mgOutMM);
        const dir = join(root.path, `regime-${mgOutMM}`);
        const steps = Math.round(durationMs / config.dtMs);
        const mg = await runMgGate(config, durationMs, dir);
        const b2 = await runBrian2(dir, durationMs, config.dtMs, ['--method', 'euler']);
        expect(b2.kMax).toHaveLength(steps / SAMPLE_STEPS);
        const b2Analysis = analyseRun(analysisNetworkOf(mg.network), b2.spikes.ids, b2.spikes.steps, steps, {}, { stepsPerSample: SAMPLE_STEPS, maxMM: b2.kMax });
        const line = (name: string, a: typeof mg.analysis, kPeak: number) =>
          `${name} E ${a.summary.rateEHz.toFixed(1)} Hz, [K]o peak ${kPeak.toFixed(2)} mM, first ictal ${a.summary.firstIctalMs ?? '–'} ms`;
        rows.push(`${mgOutMM} mM, ${durationMs / 1000} s: ${line('Mg Gate', mg.analysis, mg.kPeak)}; ${line('Brian2', b2Analysis, b2.result.kOutPeakMM)}; Brian2 run ${(b2.result.runWallMs / 1000).toFixed(1)} s`);
        for (const [a, kPeak] of [[mg.analysis, mg.kPeak], [b2Analysis, b2.result.kOutPeakMM]] as const) {
          if (mgOutMM === 0) {
            expect(kPeak, rows.join('\n')).toBeGreaterThan(8);
            expect(a.summary.firstIctalMs, rows.join('\n')).not.toBeNull();
            expect(a.summary.firstIctalMs!, rows.join('\n')).toBeLessThan(5000);
          } else {
            expect(kPeak - config.live.kBathMM, rows.join('\n')).toBeLessThan(1);
            expect(a.summary.firstIctalMs, rows.join('\n')).toBeNull();
          }
        }
      }),
    );
    console.log(rows.join('\n'));
  });
});

/**
 * The runner's hand-off to the field's tools (docs/HANDOFF.md): `--export-brian2 <dir>` and
 * `--export-nest <dir>` write the network as built, before its first step (nothing in flight);
 * `--nwb <file>` records the run and writes it once the run has ended. The writers are loaded only
 * when asked for (h5wasm is large).
 */
import type { Simulation } from '../core/simulation';
import type { IctalInterval } from '../export/nwb/run';
import type { RunnerArgs } from './args';

/** What the run must feed while it steps: the NWB recorder's spikes (or nothing). */
export interface HandOffRecording {
  addSpikes(ids: ArrayLike<number>, steps: ArrayLike<number>): void;
  /** Writes the recording (after the run), with the run's ictal events. */
  finish(sim: Simulation, ictalEvents?: readonly IctalInterval[]): Promise<void>;
}

/** The folder exports, written now (before the first step), and the NWB recording to feed. */
export async function startHandOff(sim: Simulation, args: RunnerArgs): Promise<HandOffRecording | null> {
  if (args.brian2Dir !== undefined || args.nestDir !== undefined) {
    const { writeExportFolder } = await import('../export/writeFolder');
    if (args.brian2Dir !== undefined) {
      const { brian2ExportFiles } = await import('../export/brian2/brian2Export');
      await writeExportFolder(args.brian2Dir, brian2ExportFiles(sim.network), '--export-brian2');
    }
    if (args.nestDir !== undefined) {
      const { exportSonata } = await import('../export/sonata/exportSonata');
      const { sonataInputOf } = await import('../export/sonata/input');
      await writeExportFolder(args.nestDir, await exportSonata(sonataInputOf(sim.network, args.durationMs)), '--export-nest');
    }
  }
  const nwbPath = args.nwbPath;
  if (nwbPath === undefined) return null;
  const { RunRecorder } = await import('../export/nwb/run');
  const { writeNwbFile } = await import('../export/nwb/node');
  const recorder = new RunRecorder(sim.config, sim.network.layout);
  const startedAt = new Date();
  return {
    // called after each chunk of the run (100 ms): the spikes, and a sample of the ion bath
    addSpikes: (ids, steps) => {
      recorder.addSpikes(ids, steps);
      if (sim.live.ionsOn === 1) {
        const ions = sim.network.ions;
        recorder.sampleIons(sim.stepIndex * sim.config.dtMs, ions.kOutMeanMM(), ions.kOutMaxMM(), ions.naInMeanMM());
      }
    },
    finish: async (done, ictalEvents = []) => {
      await writeNwbFile(nwbPath, recorder.run(done.stepIndex, { sessionStartTime: startedAt }, ictalEvents), '--nwb');
    },
  };
}

/**
 * The hand-off downloads (docs/HANDOFF.md): "NWB" — the session the worker recorded since the last
 * build — and "Brian2" / "NEST (SONATA)" — the folder the runner writes, as a zip. Each is built in
 * an export worker (src/client/exportRunner.ts), so the page never freezes; #handoff-status says
 * what is being done, what came out (size, spikes, span) or what went wrong. One at a time: the
 * buttons are disabled while a job runs.
 */
import * as Comlink from 'comlink';
import type { ExportRunner } from '../client/exportRunner';
import type { NetworkConfig } from '../core/params';
import { recordingBuffers } from '../export/sessionRecording';
import type { SessionRecording } from '../export/sessionRecording';
import { byId } from './dom';
import { downloadBlob } from './download';

export interface HandOffHost {
  runner: ExportRunner;
  /** the running network's configuration with the live parameters now in force (null before a build) */
  liveConfig(): NetworkConfig | null;
  /** the session's recording, from the simulation worker */
  recording(): Promise<SessionRecording>;
  /** simulated time so far, ms (the NEST export's default duration) */
  timeMs(): number;
}

const BUTTONS = ['export-nwb', 'export-brian2', 'export-nest'] as const;

function mb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export class HandOffPanel {
  private readonly status: HTMLElement;
  private readonly buttons: HTMLButtonElement[];

  constructor(
    private readonly doc: Document,
    private readonly host: HandOffHost,
  ) {
    this.status = byId(doc, 'handoff-status');
    this.buttons = BUTTONS.map((id) => byId<HTMLButtonElement>(doc, id));
    byId(doc, 'export-nwb').addEventListener('click', () => void this.nwb());
    byId(doc, 'export-brian2').addEventListener('click', () => void this.folder('brian2'));
    byId(doc, 'export-nest').addEventListener('click', () => void this.folder('nest'));
  }

  private say(text: string, failed = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('field-error', failed);
  }

  /** Runs one job with the buttons disabled; its text says how it ended. */
  private async job(label: string, work: () => Promise<string>): Promise<void> {
    if (this.host.runner.running) return;
    for (const b of this.buttons) b.disabled = true;
    const t0 = performance.now();
    try {
      const done = await work();
      this.say(`${done} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (error) {
      this.say(`${label} failed: ${error instanceof Error ? error.message : String(error)}`, true);
    } finally {
      for (const b of this.buttons) b.disabled = false;
    }
  }

  private nwb(): Promise<void> {
    return this.job('NWB', async () => {
      this.say('NWB: collecting the session from the simulation…');
      const taken = await this.host.recording();
      const { run } = taken;
      const spikes = run.spikeIds.length;
      const ictalCount = run.ictalEvents?.length ?? 0;
      // moved, not copied: up to 80 MB of spikes would otherwise be cloned on this thread
      const bytes = await this.host.runner.run(
        (api, progress) => api.nwb(Comlink.transfer(run, recordingBuffers(taken)), progress),
        (stage) => this.say(`NWB: ${stage}…`),
      );
      downloadBlob(this.doc, 'mg-gate-run.nwb', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-hdf5' }));
      const span = `${seconds(taken.startMs)}–${seconds(taken.endMs)}`;
      const capped = taken.droppedSpikes > 0 ? `; the recording is full: ${taken.droppedSpikes.toLocaleString('en-US')} earlier spikes were dropped, so it starts at ${seconds(taken.startMs)}` : '';
      const ictal = ictalCount > 0 ? `, ${ictalCount} ictal event${ictalCount > 1 ? 's' : ''}` : '';
      return `NWB: mg-gate-run.nwb, ${mb(bytes.length)}: ${spikes.toLocaleString('en-US')} spikes, ${span}${ictal}${capped}`;
    });
  }

  private folder(kind: 'brian2' | 'nest'): Promise<void> {
    const label = kind === 'brian2' ? 'Brian2' : 'NEST (SONATA)';
    return this.job(label, async () => {
      const config = this.host.liveConfig();
      if (!config) throw new Error('no network yet');
      const durationMs = Math.max(1000, Math.round(this.host.timeMs()));
      const bytes = await this.host.runner.run(
        (api, progress) => (kind === 'brian2' ? api.brian2(config, progress) : api.nest(config, durationMs, progress)),
        (stage) => this.say(`${label}: ${stage}…`),
      );
      const name = kind === 'brian2' ? 'mg-gate-brian2.zip' : 'mg-gate-nest.zip';
      downloadBlob(this.doc, name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
      return `${label}: ${name}, ${mb(bytes.length)}: ${config.neurons.toLocaleString('en-US')} neurons, seed ${config.seed}, as built`;
    });
  }
}

/**
 * The export buttons beside the experiments: the recent spikes as CSV (spikeRing.ts), the
 * parameters as JSON (paramsFile.ts), the views as PNG (viewsPicture.ts) — and loading a parameter
 * file, checked in full before anything is rebuilt; a refused file is named in #import-error
 * (every bad field) and changes nothing.
 */
import { byId } from './dom';
import { downloadBlob, downloadText } from './download';
import { formatParamsFile, readParamsFile } from './paramsFile';
import type { ParamsFile } from './paramsFile';
import { spikesCsv } from './spikeRing';
import type { SpikeRing } from './spikeRing';

export interface ExportsHost {
  spikes: SpikeRing;
  /** the running network's parameter file (null before a build) */
  parameters(): ParamsFile | null;
  /** the views as one picture (null before the views exist) */
  picture(): HTMLCanvasElement | null;
  /** a parameter file that passed validation: build it */
  load(file: ParamsFile): void;
}

export class ExportsPanel {
  private readonly error: HTMLElement;

  constructor(
    doc: Document,
    private readonly host: ExportsHost,
  ) {
    this.error = byId(doc, 'import-error');
    byId(doc, 'export-spikes').addEventListener('click', () => {
      const { ids, steps, dtMs } = host.spikes.snapshot();
      downloadText(doc, 'mg-gate-spikes.csv', spikesCsv(ids, steps, dtMs), 'text/csv');
    });
    byId(doc, 'export-json').addEventListener('click', () => {
      const file = host.parameters();
      if (file) downloadText(doc, 'mg-gate-parameters.json', formatParamsFile(file), 'application/json');
    });
    byId(doc, 'export-png').addEventListener('click', () => {
      host.picture()?.toBlob((blob) => {
        if (blob) downloadBlob(doc, 'mg-gate-views.png', blob);
      }, 'image/png');
    });
    const input = byId<HTMLInputElement>(doc, 'import-file');
    byId(doc, 'import-json').addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      const chosen = input.files?.[0];
      input.value = '';
      if (chosen) void chosen.text().then((text) => this.load(text));
    });
  }

  /**
   * Loads a parameter file's text: every field is checked first (paramsFile.ts), and only a file
   * with none wrong is built; a refused one is named in full in #import-error and changes nothing.
   */
  load(text: string): void {
    const { file, problems } = readParamsFile(text);
    if (!file) {
      const count = problems.length > 1 ? ` (${problems.length} problems)` : '';
      this.error.textContent = `Not loaded${count}: ${problems.map((p) => p.message).join('; ')}`;
      this.error.hidden = false;
      return;
    }
    this.error.hidden = true;
    this.host.load(file);
  }
}

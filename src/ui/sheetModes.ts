/**
 * The sheet's mode buttons (index.html #sheet-modes): V, [K⁺]o, the onset (recruitment) map and the
 * slow replay of that onset. One pressed at a time (aria-pressed); the onset buttons are enabled once
 * an onset has been mapped. The choice goes to `choose`, which may refuse it (no onset yet).
 */
import type { SheetMode } from '../render/sheetView';

export class SheetModes {
  private readonly buttons: HTMLButtonElement[];
  mode: SheetMode = 'v';

  constructor(
    doc: Document,
    private readonly choose: (mode: SheetMode) => boolean,
  ) {
    this.buttons = Array.from(doc.querySelectorAll<HTMLButtonElement>('#sheet-modes button'));
    for (const button of this.buttons) {
      button.addEventListener('click', (event) => {
        event.stopPropagation(); // not a click on a cell of the sheet
        const mode = button.dataset.mode as SheetMode;
        if (this.choose(mode)) this.show(mode);
      });
    }
  }

  /** A new network: back to V, nothing mapped yet. */
  reset(): void {
    this.show('v');
    this.onsetReady(0);
  }

  /** Onsets mapped so far: the map and replay buttons are enabled from the first. */
  onsetReady(count: number): void {
    for (const button of this.buttons) {
      if (button.dataset.mode === 'recruit' || button.dataset.mode === 'replay') button.disabled = count === 0;
    }
  }

  private show(mode: SheetMode): void {
    this.mode = mode;
    for (const button of this.buttons) button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
  }
}

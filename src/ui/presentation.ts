/**
 * Presentation mode: large type, high contrast, the explanations and experiments out of the way,
 * the views filling the window (html.presenting, style.css). Full screen through the Fullscreen
 * API where the browser allows it; where it does not (or refuses), presentation mode alone fills
 * the window and the page says so.
 */
export class Presentation {
  private readonly root: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly fullButton: HTMLButtonElement;

  constructor(
    private readonly doc: Document,
    private readonly onChange: (presenting: boolean) => void,
    private readonly announce: (text: string) => void,
  ) {
    this.root = doc.documentElement;
    this.button = doc.getElementById('presentation') as HTMLButtonElement;
    this.fullButton = doc.getElementById('fullscreen') as HTMLButtonElement;
    this.button.addEventListener('click', () => this.toggle());
    this.fullButton.addEventListener('click', () => void this.toggleFullscreen());
    doc.addEventListener('fullscreenchange', () => {
      const full = doc.fullscreenElement !== null;
      this.root.dataset.fullscreen = full ? 'on' : 'off';
      this.fullButton.textContent = full ? 'Exit full screen' : 'Full screen';
    });
  }

  get presenting(): boolean {
    return this.root.classList.contains('presenting');
  }

  set(on: boolean): void {
    if (on === this.presenting) return;
    this.root.classList.toggle('presenting', on);
    this.button.setAttribute('aria-pressed', String(on));
    this.announce(on ? 'Presentation mode on: large type, high contrast. P leaves it.' : 'Presentation mode off.');
    this.onChange(on);
  }

  toggle(): void {
    this.set(!this.presenting);
  }

  /** Full screen with presentation mode; again to leave both. */
  async toggleFullscreen(): Promise<void> {
    const doc = this.doc;
    if (doc.fullscreenElement || this.root.dataset.fullscreen === 'fallback') {
      if (doc.fullscreenElement) await doc.exitFullscreen().catch(() => undefined);
      this.root.dataset.fullscreen = 'off';
      this.set(false);
      return;
    }
    this.set(true);
    if (!doc.fullscreenEnabled || typeof this.root.requestFullscreen !== 'function') {
      this.fallback();
      return;
    }
    try {
      await this.root.requestFullscreen({ navigationUI: 'hide' });
      this.root.dataset.fullscreen = 'on';
    } catch {
      this.fallback();
    }
  }

  private fallback(): void {
    this.root.dataset.fullscreen = 'fallback';
    this.announce('Full screen is not available here: presentation mode fills the window instead (F11 makes the browser full screen).');
  }
}

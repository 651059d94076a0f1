/**
 * The caption beside the views (#caption): what to look for in the present scene (scenesPanel.ts
 * writes it) and, in presentation mode, the explanation of each big view in large type — the
 * words for what is on screen. The Caption button (key C) hides or shows it; it is on by default.
 */
import type { ViewName } from '../render/viewNames';
import { byId } from './dom';
import { VIEW_LABELS } from './viewInfo';
import type { ViewInfo } from './viewInfo';

export class Caption {
  private readonly root: HTMLElement;
  private readonly views: HTMLElement;
  private readonly button: HTMLButtonElement;

  constructor(
    doc: Document,
    private readonly info: ViewInfo,
  ) {
    this.root = doc.documentElement;
    this.views = byId(doc, 'caption-views');
    this.button = byId(doc, 'caption-toggle');
    this.button.addEventListener('click', () => this.toggle());
    this.set(true);
  }

  get shown(): boolean {
    return this.root.dataset.caption !== 'off';
  }

  set(on: boolean): void {
    this.root.dataset.caption = on ? 'on' : 'off';
    this.button.setAttribute('aria-pressed', String(on));
  }

  toggle(): void {
    this.set(!this.shown);
  }

  /** The big views' explanations, in the order shown. */
  showViews(big: readonly ViewName[]): void {
    const doc = this.views.ownerDocument;
    this.views.replaceChildren(
      ...this.info.captionText(big).map(({ name, text }) => {
        const p = doc.createElement('p');
        p.dataset.captionFor = name;
        const strong = doc.createElement('strong');
        const label = VIEW_LABELS[name];
        strong.textContent = `${label[0].toUpperCase()}${label.slice(1)}: `;
        p.append(strong, text);
        return p;
      }),
    );
  }
}

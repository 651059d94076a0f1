/**
 * Each view's own explanation, at hand beside it: an (i) button in the panel's header discloses a
 * short text over the panel (index.html .view-info, so opening it moves nothing), closed again by
 * the button or by Esc. In presentation mode the big views' texts also make up the large
 * caption under them (captionText). Which explanations were opened is kept for the lessons.
 */
import { VIEW_NAMES } from '../render/viewNames';
import type { ViewName } from '../render/viewNames';

/** The views' names in a sentence ("Enlarge the spike raster"). */
export const VIEW_LABELS: Record<ViewName, string> = {
  sheet: 'neuron sheet',
  raster: 'spike raster',
  rate: 'rate panel',
  block: 'Mg-block panel',
  probe: 'neuron probe',
};

export class ViewInfo {
  private readonly openedSet = new Set<ViewName>();

  constructor(
    private readonly host: HTMLElement,
    private readonly onOpen: (name: ViewName) => void = () => undefined,
  ) {
    for (const button of this.buttons()) {
      const name = button.dataset.info as ViewName;
      button.addEventListener('click', () => this.toggle(name));
    }
    // Esc closes an open explanation wherever the focus is (a click into its text leaves it on the body)
    host.ownerDocument.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented || host.ownerDocument.querySelector('dialog[open]')) return;
      const open = VIEW_NAMES.find((name) => !this.box(name).hidden);
      if (!open) return;
      event.preventDefault();
      this.close(open);
      this.button(open).focus();
    });
  }

  /** The views whose explanation has been opened on this page. */
  get opened(): ViewName[] {
    return [...this.openedSet];
  }

  toggle(name: ViewName): void {
    if (this.box(name).hidden) this.open(name);
    else this.close(name);
  }

  open(name: ViewName): void {
    this.box(name).hidden = false;
    this.button(name).setAttribute('aria-expanded', 'true');
    this.openedSet.add(name);
    this.onOpen(name);
  }

  close(name: ViewName): void {
    this.box(name).hidden = true;
    this.button(name).setAttribute('aria-expanded', 'false');
  }

  /** The gist of these views' explanations (their first sentence, .gist), as the caption's paragraphs. */
  captionText(names: readonly ViewName[]): { name: ViewName; text: string }[] {
    return names.map((name) => {
      const box = this.box(name);
      return { name, text: (box.querySelector('.gist') ?? box).textContent?.trim() ?? '' };
    });
  }

  private buttons(): HTMLButtonElement[] {
    return Array.from(this.host.querySelectorAll<HTMLButtonElement>('button.info-toggle'));
  }

  private button(name: ViewName): HTMLButtonElement {
    return this.host.querySelector<HTMLButtonElement>(`button.info-toggle[data-info="${name}"]`)!;
  }

  private box(name: ViewName): HTMLElement {
    return this.host.querySelector<HTMLElement>(`.view-info[data-info-for="${name}"]`)!;
  }
}

/**
 * Presentation mode's big views: one or two of the five fill the screen (the sheet and the raster
 * by default) and the others fold to their headers, each with an "Enlarge" button, so any view can
 * become a big one. Enlarging a third replaces the one enlarged longest ago; shrinking keeps at
 * least one. The choice is marked on each panel (data-big) for style.css; the stage follows the
 * slots' new sizes through its ResizeObserver (views.ts), and hides a view whose slot is folded.
 */
import { VIEW_NAMES } from '../render/viewNames';
import type { ViewName } from '../render/viewNames';
import { VIEW_LABELS } from './viewInfo';

export const MAX_BIG_VIEWS = 2;
export const DEFAULT_BIG_VIEWS: readonly ViewName[] = ['sheet', 'raster'];

/** `name` becomes big; the oldest big view gives way beyond MAX_BIG_VIEWS. Order: oldest first. */
export function enlarge(big: readonly ViewName[], name: ViewName): ViewName[] {
  if (big.includes(name)) return [...big];
  const next = [...big, name];
  return next.slice(Math.max(0, next.length - MAX_BIG_VIEWS));
}

/** `name` is no longer big, unless it is the only one. */
export function shrink(big: readonly ViewName[], name: ViewName): ViewName[] {
  if (!big.includes(name) || big.length <= 1) return [...big];
  return big.filter((v) => v !== name);
}

/** The big views in the order the page shows them (its own order, not the order they were enlarged). */
export function inPageOrder(big: readonly ViewName[]): ViewName[] {
  return VIEW_NAMES.filter((v) => big.includes(v));
}

export class BigViews {
  private bigValue: ViewName[] = [...DEFAULT_BIG_VIEWS];
  private readonly buttons = new Map<ViewName, HTMLButtonElement>();

  constructor(
    private readonly host: HTMLElement,
    private readonly onChange: (big: readonly ViewName[]) => void,
  ) {
    for (const button of Array.from(host.querySelectorAll<HTMLButtonElement>('button.big-toggle'))) {
      const name = button.dataset.big as ViewName;
      this.buttons.set(name, button);
      button.addEventListener('click', () => this.set(this.big.includes(name) ? shrink(this.big, name) : enlarge(this.big, name)));
    }
    this.show();
  }

  get big(): readonly ViewName[] {
    return this.bigValue;
  }

  set(big: readonly ViewName[]): void {
    this.bigValue = [...big];
    this.show();
    this.onChange(inPageOrder(this.bigValue));
  }

  private show(): void {
    const big = this.bigValue;
    this.host.dataset.bigCount = String(big.length);
    for (const name of VIEW_NAMES) {
      const panel = this.host.querySelector<HTMLElement>(`.panel-${name}`);
      const isBig = big.includes(name);
      if (panel) panel.dataset.big = String(isBig);
      const button = this.buttons.get(name);
      if (!button) continue;
      button.setAttribute('aria-pressed', String(isBig));
      button.textContent = isBig ? 'Shrink' : 'Enlarge';
      button.setAttribute('aria-label', `${isBig ? 'Shrink' : 'Enlarge'} the ${VIEW_LABELS[name]}`);
      button.disabled = isBig && big.length <= 1;
    }
  }
}

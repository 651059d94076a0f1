/**
 * The views area: the PixiJS stage (src/render/stage.ts) over the panels of index.html, kept the size
 * of the area and at the screen's pixel density; the display options (glow, reduced motion, type
 * size); and the few texts beside the views (raster rows, the block's median, the colour bar).
 * The stage is made when the page starts; until then every call only records what it is told.
 */
import type { CreateResult, Frame } from '../protocol/types';
import { colormapCss } from '../render/colormap';
import { RAW_GLOW, REDUCED_MOTION_GLOW, SAFE_GLOW } from '../render/glowFilter';
import { K_MAP_MAX_MM, K_MAP_MIN_MM } from '../render/sheetView';
import type { SheetMode } from '../render/sheetView';
import { Stage, VIEW_NAMES } from '../render/stage';
import type { ViewName } from '../render/stage';
import { THEME } from '../render/theme';
import type { ViewRect } from '../render/theme';
import { setText } from './dom';
import type { CaptionInput } from './pictureCaption';
import { viewsPicture } from './viewsPicture';

/**
 * The views' label size, CSS px, is style.css's `--label-px` on the views (THEME.fontSize where it
 * is not set): larger on very large screens and 28 px in presentation mode, the hall's reading size
 * like every other text then. The views' margins grow with it (theme.ts scaledMargin).
 */
function labelPxOf(host: HTMLElement): number {
  const px = parseFloat(getComputedStyle(host).getPropertyValue('--label-px'));
  return Number.isFinite(px) && px > 0 ? px : THEME.fontSize;
}

export class Views {
  stage: Stage | null = null;
  private readonly doc: Document;
  private readonly reducedMotion: MediaQueryList;
  private raw = false;
  private mgOutMM = 0;
  /** a network has been shown (clicks on the sheet mean a neuron only then) */
  private configured = false;

  constructor(
    private readonly win: Window,
    readonly host: HTMLElement,
    /** a click on the sheet, with the neuron under it */
    onNeuron: (id: number) => void,
  ) {
    this.doc = host.ownerDocument;
    this.reducedMotion = win.matchMedia('(prefers-reduced-motion: reduce)');
    this.reducedMotion.addEventListener('change', () => this.applyMotion());
    host.addEventListener('click', (event) => {
      // a click on a header or on an open explanation is not a click on the sheet under it
      if ((event.target as Element | null)?.closest?.('.panel-head, .view-info')) return;
      const id = this.neuronAt(event);
      if (id >= 0) onNeuron(id);
    });
    this.paintColorbar();
  }

  /** Makes the stage and puts its canvas under the panels' texts. */
  async start(): Promise<void> {
    const stage = await Stage.create(this.host, this.dpr);
    this.stage = stage;
    this.host.prepend(stage.canvas);
    stage.canvas.setAttribute('aria-hidden', 'true');
    this.applyMotion();
    this.applyFontSize();
    stage.setMg(this.mgOutMM);
    this.observeLayout();
  }

  /** A new network: every view starts empty, and the raster says how many rows it shows. */
  configure(created: CreateResult): void {
    this.configured = true;
    const stage = this.stage;
    if (!stage) return;
    stage.configure(created);
    const rows = stage.raster.shownRows;
    setText(
      this.doc.getElementById('raster-rows'),
      rows.rows < rows.neurons ? `${rows.rows} of ${rows.neurons.toLocaleString('en')} neurons shown` : `all ${rows.neurons} neurons`,
    );
  }

  ingest(frame: Frame): void {
    const stage = this.stage;
    if (!stage) return;
    stage.ingest(frame);
    // for the tests and screen readers' describe: how many ictal events the timeline marks now
    const h = stage.rate.history;
    const marks = String(h.ictalEvents.length + (Number.isNaN(h.ongoingIctalStartMs) ? 0 : 1));
    if (this.host.dataset.ictalMarks !== marks) this.host.dataset.ictalMarks = marks;
  }

  /** What the sheet shows (SheetView modes); the legend follows. */
  setSheetMode(mode: SheetMode, delay90Ms = 0): void {
    this.stage?.sheet.setMode(mode);
    this.host.dataset.sheetMode = mode;
    const [low, high, glow] = ['sheet-scale-low', 'sheet-scale-high', 'sheet-glow-key'].map((id) => this.doc.getElementById(id));
    const scale: Record<SheetMode, [string, string]> = {
      v: ['−75', '−48 mV'],
      k: [`${K_MAP_MIN_MM}`, `${K_MAP_MAX_MM} mM [K⁺]o`],
      recruit: ['0', `${Math.round(delay90Ms)} ms first spike`],
      replay: ['', 'replay: glow = firing'],
    };
    setText(low, scale[mode][0]);
    setText(high, scale[mode][1]);
    if (glow) glow.hidden = mode === 'k' || mode === 'recruit';
  }

  draw(dtMs: number): void {
    this.stage?.draw(dtMs);
  }

  setMg(mgOutMM: number): void {
    this.mgOutMM = mgOutMM;
    this.stage?.setMg(mgOutMM);
  }

  setProbes(ids: readonly number[]): void {
    this.stage?.setProbes(ids);
  }

  setRawFlashes(raw: boolean): void {
    this.raw = raw;
    this.applyMotion();
  }

  /** The page's style changed (presentation mode on or off): the labels take its size. */
  restyle(): void {
    this.applyFontSize();
  }

  /** The label size (style.css --label-px) goes to the stage, and on the host (data-label-px) for the tests. */
  private applyFontSize(): void {
    const px = labelPxOf(this.host);
    if (this.host.dataset.labelPx === String(px) && this.stage?.fontSize === px) return;
    this.host.dataset.labelPx = String(px);
    this.stage?.setFontSize(px);
  }

  /** The block at the cells' median membrane potential, beside the Mg-block panel's legend. */
  showBlockMedian(): void {
    const median = this.stage?.block.medianBlock;
    if (!median) return;
    setText(
      this.doc.getElementById('block-median'),
      Number.isNaN(median.vMV) ? '' : `(median ${Math.round(median.vMV)} mV: B = ${median.block.toFixed(2)})`,
    );
  }

  /** The views as one picture for the PNG export, with its caption (viewsPicture.ts); null before the stage exists. */
  picture(caption: CaptionInput | null): HTMLCanvasElement | null {
    return this.stage ? viewsPicture(this.host, this.stage, this.dpr, caption) : null;
  }

  private get dpr(): number {
    return this.win.devicePixelRatio || 1;
  }

  private neuronAt(event: MouseEvent): number {
    if (!this.stage || !this.configured) return -1;
    const host = this.host.getBoundingClientRect();
    return this.stage.sheet.neuronAt(event.clientX - host.left, event.clientY - host.top);
  }

  /** Raw flashes only when asked for; otherwise safe, or gentler still with reduced motion. */
  private applyMotion(): void {
    const reduced = this.reducedMotion.matches;
    this.stage?.setGlow(this.raw ? RAW_GLOW : reduced ? REDUCED_MOTION_GLOW : SAFE_GLOW);
    this.stage?.setReducedMotion(reduced);
    const note = this.doc.getElementById('motion-note');
    if (note) note.hidden = !reduced;
  }

  private paintColorbar(): void {
    const bar = this.doc.getElementById('sheet-colorbar');
    if (!bar) return;
    const stops = [0, 0.25, 0.5, 0.75, 1].map((u) => `${colormapCss(u)} ${u * 100}%`);
    bar.style.background = `linear-gradient(to right, ${stops.join(', ')})`;
  }

  /** Keeps the canvas the size of the views area and each view on its slot. */
  private observeLayout(): void {
    const relayout = (): void => {
      const stage = this.stage;
      if (!stage) return;
      this.applyFontSize(); // the window's size may have changed the label size (style.css)
      const host = this.host.getBoundingClientRect();
      const rects = {} as Record<ViewName, ViewRect>;
      for (const name of VIEW_NAMES) {
        const slot = this.host.querySelector<HTMLElement>(`[data-view="${name}"]`)!.getBoundingClientRect();
        rects[name] = { x: slot.left - host.left, y: slot.top - host.top, width: slot.width, height: slot.height };
      }
      stage.layout(host.width, host.height, this.dpr, rects);
      stage.draw(0);
    };
    const observer = new ResizeObserver(relayout);
    observer.observe(this.host);
    // a slot can change size on its own (the probe list above the probe view), so each is watched
    for (const slot of Array.from(this.host.querySelectorAll<HTMLElement>('[data-view]'))) observer.observe(slot);
    // moving the window to a screen of another pixel density changes devicePixelRatio
    const watchDensity = (): void => {
      this.win.matchMedia(`(resolution: ${this.dpr}dppx)`).addEventListener(
        'change',
        () => {
          relayout();
          watchDensity();
        },
        { once: true },
      );
    };
    watchDensity();
    relayout();
  }
}

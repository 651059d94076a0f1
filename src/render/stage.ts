/**
 * One PixiJS application (one WebGL context) for all views. The page lays the views out with CSS:
 * each view has a slot element, and the canvas, laid over the slots with a transparent background,
 * draws each view inside its slot's rectangle. Sharp on HiDPI: resolution = devicePixelRatio with
 * autoDensity (the canvas is sized in CSS pixels, backed by device pixels).
 */
import 'pixi.js/unsafe-eval'; // PixiJS without eval, before any renderer: the CSP has no 'unsafe-eval' (vite.config.ts)
import { Application } from 'pixi.js';
import type { CreateResult, Frame } from '../protocol/types';
import type { GlowFilterOptions } from './glowFilter';
import { BlockView } from './blockView';
import { ProbeView } from './probeView';
import { RasterView } from './rasterView';
import { RateView } from './rateView';
import { SheetView } from './sheetView';
import type { ViewRect } from './theme';
import { VIEW_NAMES } from './viewNames';
import type { ViewName } from './viewNames';

export { VIEW_NAMES };
export type { ViewName };

export class Stage {
  readonly sheet = new SheetView();
  readonly raster = new RasterView();
  readonly rate = new RateView();
  readonly block = new BlockView();
  readonly probe = new ProbeView();

  private constructor(readonly app: Application) {
    app.stage.addChild(this.sheet.container, this.raster.container, this.rate.container, this.block.container, this.probe.container);
  }

  /** Starts PixiJS (WebGL preferred: it is the tested path) with a canvas sized to `host`. */
  static async create(host: HTMLElement, resolution: number): Promise<Stage> {
    const app = new Application();
    await app.init({
      preference: 'webgl',
      width: Math.max(1, host.clientWidth),
      height: Math.max(1, host.clientHeight),
      resolution,
      autoDensity: true,
      antialias: true, // lines of the rate plot; cheap on real GPUs
      backgroundAlpha: 0,
      autoStart: false,
    });
    return new Stage(app);
  }

  get canvas(): HTMLCanvasElement {
    return this.app.canvas;
  }

  /** A new network was built: every view starts empty. */
  configure(created: CreateResult): void {
    this.stale = true;
    this.sheet.configure(created);
    this.raster.configure(created.summary.neurons, created.excitatory);
    this.rate.configure(created.summary.neurons, created.excitatory);
    this.block.configure(created.live.mgOutMM);
    this.probe.configure();
  }

  ingest(frame: Frame): void {
    this.sheet.ingest(frame);
    this.raster.ingest(frame);
    this.rate.ingest(frame);
    this.block.ingest(frame);
    this.probe.ingest(frame);
  }

  /** The followed neurons: rings on the sheet and traces in the probe view. */
  setProbes(ids: readonly number[]): void {
    this.sheet.setMarks(ids);
    this.probe.setProbes(ids);
    this.block.setProbes(ids);
    this.stale = true;
  }

  /** [Mg]o as the page has set it (the block panel follows at once, before the worker confirms). */
  setMg(mgOutMM: number): void {
    this.block.setMg(mgOutMM);
  }

  /** Type size of the views' labels, CSS px (larger in presentation mode). */
  fontSize = 0;

  setFontSize(px: number): void {
    this.fontSize = px;
    this.raster.setFontSize(px);
    this.rate.setFontSize(px);
    this.block.setFontSize(px);
    this.probe.setFontSize(px);
    this.stale = true;
  }

  /** Draws the views now and copies the canvas into a 2D context's top left, width × height device px (same task: the buffer is still there). */
  snapshotInto(ctx: CanvasRenderingContext2D, width = ctx.canvas.width, height = ctx.canvas.height): void {
    this.app.render();
    ctx.drawImage(this.app.canvas, 0, 0, width, height);
  }

  /** Main-thread time of the last draws, ms (exponential average; the GPU's share is not in it). */
  drawMs = 0;

  /** Something outside the views' own data changed (layout, options): render on the next draw. */
  private stale = true;

  /**
   * One display frame: advance the glow by dtMs of real time, upload what changed, render — or
   * skip the render when nothing changed (a paused, settled picture costs nothing).
   */
  draw(dtMs: number): void {
    const t0 = performance.now();
    const sheet = this.sheet.draw(dtMs);
    const raster = this.raster.draw();
    const rate = this.rate.draw();
    const block = this.block.draw();
    const probe = this.probe.draw();
    if (!(sheet || raster || rate || block || probe || this.stale)) return;
    this.stale = false;
    this.app.render();
    this.drawMs += 0.1 * (performance.now() - t0 - this.drawMs);
  }

  /** Resizes the canvas to width × height CSS pixels and places each view in its rectangle. */
  layout(width: number, height: number, resolution: number, rects: Record<ViewName, ViewRect>): void {
    const renderer = this.app.renderer;
    if (renderer.resolution !== resolution) renderer.resolution = resolution;
    renderer.resize(Math.max(1, width), Math.max(1, height), resolution);
    // a folded view (presentation mode shows only the big ones) has an empty slot: it is not drawn
    for (const name of VIEW_NAMES) this[name].container.visible = rects[name].width >= 2 && rects[name].height >= 2;
    this.sheet.layout(rects.sheet, resolution);
    this.raster.layout(rects.raster, resolution);
    this.rate.layout(rects.rate);
    this.block.layout(rects.block);
    this.probe.layout(rects.probe);
    this.stale = true;
  }

  setGlow(options: GlowFilterOptions): void {
    this.sheet.setFilterOptions(options);
    this.stale = true;
  }

  /** Reduced motion: the raster sweeps in place; the rate plot, the histogram and the probe traces step once a second. */
  setReducedMotion(reduced: boolean): void {
    this.raster.setSweep(reduced);
    this.rate.setReducedMotion(reduced);
    this.block.setReducedMotion(reduced);
    this.probe.setReducedMotion(reduced);
    this.stale = true;
  }
}

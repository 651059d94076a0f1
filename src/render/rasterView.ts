/**
 * The spike raster: time across, neurons down (an even subsample of rows, excitatory first). Spikes
 * are written once into a ring texture — one texel row per time column — and only the columns that
 * changed are uploaded; the picture scrolls by moving the shader's uOldest uniform, never by
 * redrawing. With reduced motion it sweeps instead (content still, a cursor moves), like an
 * oscilloscope.
 */
import { BufferImageSource, Container, Graphics, Shader, Text, UniformGroup } from 'pixi.js';
import type { Mesh, MeshGeometry } from 'pixi.js';
import type { Frame } from '../protocol/types';
import { quadMesh, quadVert, rasterFrag, setQuadSize } from './shaders';
import { rgb01, scaledMargin, THEME } from './theme';
import type { ViewRect } from './theme';

export interface RasterOptions {
  /** most neuron rows shown @default 500 */
  maxRows: number;
  /** simulated time per column, ms @default 5 */
  columnMs: number;
  /** columns in the ring (window = columns × columnMs) @default 800 */
  columns: number;
}

const DEFAULTS: RasterOptions = { maxRows: 500, columnMs: 5, columns: 800 };
/** Space for the axis labels, CSS px. */
const MARGIN = { left: 44, right: 8, top: 4, bottom: 22 };
const SPIKE = 255;

export class RasterView {
  readonly container = new Container({ label: 'raster' });
  readonly options: RasterOptions;
  private readonly uniforms: UniformGroup;
  private readonly shader: Shader;
  private readonly mesh: Mesh<MeshGeometry, Shader>;
  private readonly axes = new Graphics();
  private readonly cursor = new Graphics();
  private readonly labels = new Container();
  private source: BufferImageSource;
  private data: Uint8Array;
  /** texture width: rows rounded up to a multiple of 4 (WebGL's default unpack alignment) */
  private stride = 4;
  private rows = 1;
  private excRows = 1;
  private rowOfNeuron = new Int32Array(0);
  /** absolute index of the newest column written; −1 before data */
  private newestColumn = -1;
  private dirtyFrom = Infinity;
  private dirtyTo = -1;
  private sweep = false;
  private rect: ViewRect = { x: 0, y: 0, width: 1, height: 1 };
  private resolution = 1;
  private neurons = 0;
  private excitatory = 0;
  /** type size of the axis labels, CSS px (larger in presentation mode) */
  private fontSize: number = THEME.fontSize;

  constructor(options: Partial<RasterOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.data = new Uint8Array(4 * this.options.columns);
    this.source = this.makeSource();
    this.uniforms = new UniformGroup({
      uOldest: { value: 0, type: 'f32' },
      uRing: { value: new Float32Array([1, this.options.columns]), type: 'vec2<f32>' },
      uStep: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uExcRows: { value: 1, type: 'f32' },
      uExcColor: { value: rgb01(THEME.excitatory), type: 'vec3<f32>' },
      uInhColor: { value: rgb01(THEME.inhibitory), type: 'vec3<f32>' },
      uBackground: { value: rgb01(THEME.plotBackground), type: 'vec3<f32>' },
      uInhBackground: { value: rgb01(THEME.inhBackground), type: 'vec3<f32>' },
    });
    this.shader = Shader.from({
      gl: { vertex: quadVert, fragment: rasterFrag },
      resources: { uRaster: this.source, rasterUniforms: this.uniforms },
    });
    this.mesh = quadMesh(this.shader);
    this.container.addChild(this.mesh, this.axes, this.cursor, this.labels);
  }

  private makeSource(): BufferImageSource {
    return new BufferImageSource({
      resource: this.data,
      width: this.stride,
      height: this.options.columns,
      format: 'r8unorm',
      alphaMode: 'no-premultiply-alpha',
      scaleMode: 'nearest',
    });
  }

  /** Simulated time the raster spans, ms. */
  get windowMs(): number {
    return this.options.columns * this.options.columnMs;
  }

  /** A new network: choose the rows and clear the ring. */
  configure(neurons: number, excitatory: number): void {
    this.neurons = neurons;
    this.excitatory = excitatory;
    const rows = Math.max(1, Math.min(neurons, this.options.maxRows));
    // row r shows neuron ⌊r·N/R⌋: an even subsample that keeps the E:I proportion
    this.rowOfNeuron = new Int32Array(neurons).fill(-1);
    let excRows = 0;
    for (let r = 0; r < rows; r++) {
      const id = Math.floor((r * neurons) / rows);
      this.rowOfNeuron[id] = r;
      if (id < excitatory) excRows++;
    }
    this.rows = rows;
    this.excRows = excRows;
    const stride = Math.ceil(rows / 4) * 4;
    if (stride !== this.stride) {
      this.stride = stride;
      this.data = new Uint8Array(stride * this.options.columns);
      const old = this.source;
      this.source = this.makeSource();
      this.shader.resources.uRaster = this.source;
      old.destroy();
    } else {
      this.data.fill(0);
      this.source.update();
    }
    this.newestColumn = -1;
    this.dirtyFrom = Infinity;
    this.dirtyTo = -1;
    const u = this.uniforms.uniforms;
    (u.uRing as Float32Array).set([rows, this.options.columns]);
    u.uExcRows = excRows;
    u.uOldest = 0;
    this.layout(this.rect, this.resolution);
  }

  setFontSize(px: number): void {
    this.fontSize = px;
    this.layout(this.rect, this.resolution); // the margins follow the type
  }

  /** Reduced motion: sweep in place instead of scrolling. */
  setSweep(sweep: boolean): void {
    this.sweep = sweep;
    this.updateOffset();
    this.drawAxes();
  }

  ingest(frame: Frame): void {
    const { columnMs, columns } = this.options;
    const endColumn = Math.floor((frame.endStep * frame.dtMs - 1e-9) / columnMs);
    this.advanceTo(endColumn);
    const { data, stride, rowOfNeuron } = this;
    const dt = frame.dtMs;
    const oldest = this.newestColumn - columns + 1;
    for (let k = 0; k < frame.spikeIds.length; k++) {
      const row = rowOfNeuron[frame.spikeIds[k]];
      if (row === undefined || row < 0) continue;
      const column = Math.floor((frame.spikeSteps[k] * dt) / columnMs);
      if (column < oldest || column > this.newestColumn) continue;
      const slot = column % columns;
      data[slot * stride + row] = SPIKE;
      this.markDirty(slot);
    }
    this.updateOffset();
  }

  /** Clears the columns that time has reached since the last frame. */
  private advanceTo(column: number): void {
    if (column <= this.newestColumn) return;
    const { columns } = this.options;
    const from = Math.max(this.newestColumn + 1, column - columns + 1);
    for (let c = from; c <= column; c++) {
      const slot = c % columns;
      this.data.fill(0, slot * this.stride, (slot + 1) * this.stride);
      this.markDirty(slot);
    }
    this.newestColumn = column;
  }

  private markDirty(slot: number): void {
    if (slot < this.dirtyFrom) this.dirtyFrom = slot;
    if (slot > this.dirtyTo) this.dirtyTo = slot;
  }

  private updateOffset(): void {
    const columns = this.options.columns;
    this.uniforms.uniforms.uOldest = this.sweep ? 0 : (((this.newestColumn + 1) % columns) + columns) % columns;
    if (this.sweep) this.drawCursor();
  }

  /** Uploads the changed columns (one contiguous span of texel rows) once per display frame. */
  draw(): boolean {
    if (this.dirtyTo < 0) return false;
    this.source.update(this.dirtyFrom * this.stride, (this.dirtyTo + 1) * this.stride);
    this.dirtyFrom = Infinity;
    this.dirtyTo = -1;
    return true;
  }

  layout(rect: ViewRect, resolution: number): void {
    this.rect = rect;
    this.resolution = resolution;
    const margin = scaledMargin(MARGIN, this.fontSize);
    const plotW = Math.max(1, rect.width - margin.left - margin.right);
    const plotH = Math.max(1, rect.height - margin.top - margin.bottom);
    this.container.position.set(rect.x, rect.y);
    this.mesh.position.set(margin.left, margin.top);
    setQuadSize(this.mesh, plotW, plotH);
    // a second tap only where a pixel covers more than one texel
    const colsPerPx = this.options.columns / (plotW * resolution);
    const rowsPerPx = this.rows / (plotH * resolution);
    (this.uniforms.uniforms.uStep as Float32Array).set([colsPerPx > 1 ? 1 : 0, rowsPerPx > 1 ? 1 : 0]);
    this.drawAxes();
  }

  private get plot(): ViewRect {
    const margin = scaledMargin(MARGIN, this.fontSize);
    return {
      x: margin.left,
      y: margin.top,
      width: Math.max(1, this.rect.width - margin.left - margin.right),
      height: Math.max(1, this.rect.height - margin.top - margin.bottom),
    };
  }

  /** The sweep cursor at the newest column (reduced motion only). */
  private drawCursor(): void {
    const g = this.cursor;
    g.clear();
    if (!this.sweep || this.newestColumn < 0) return;
    const p = this.plot;
    const columns = this.options.columns;
    const x = p.x + (((this.newestColumn % columns) + 1) / columns) * p.width;
    g.moveTo(x, p.y).lineTo(x, p.y + p.height).stroke({ width: 2, color: THEME.cursor, alpha: 0.7 });
  }

  private drawAxes(): void {
    const g = this.axes;
    const p = this.plot;
    g.clear();
    for (const child of this.labels.removeChildren()) child.destroy();
    const label = (text: string, x: number, y: number, anchorX: number, anchorY: number, fill: number = THEME.label, bold = false): void => {
      const t = new Text({
        text,
        style: { fontFamily: THEME.fontFamily, fontSize: bold ? this.fontSize + 1 : this.fontSize, fill, fontWeight: bold ? '600' : '400' },
      });
      t.anchor.set(anchorX, anchorY);
      t.position.set(Math.round(x), Math.round(y));
      this.labels.addChild(t);
    };

    // E | I divider and row labels
    if (this.rows > 0 && this.excRows < this.rows) {
      const yDiv = p.y + (this.excRows / this.rows) * p.height;
      g.moveTo(p.x, yDiv).lineTo(p.x + p.width, yDiv).stroke({ width: 1, color: THEME.axis, alpha: 0.8 });
      label('I', p.x - 8, (yDiv + p.y + p.height) / 2, 1, 0.5, THEME.inhibitory, true);
      label('E', p.x - 8, (p.y + yDiv) / 2, 1, 0.5, THEME.excitatory, true);
    } else if (this.rows > 0) {
      label('E', p.x - 8, p.y + p.height / 2, 1, 0.5, THEME.excitatory, true);
    }

    // time axis: seconds before now (scrolling) or sweep position
    const windowS = this.windowMs / 1000;
    const stepS = windowS > 6 ? 2 : windowS > 2.5 ? 1 : 0.5;
    g.moveTo(p.x, p.y + p.height + 0.5).lineTo(p.x + p.width, p.y + p.height + 0.5).stroke({ width: 1, color: THEME.axis });
    for (let s = 0; s <= windowS + 1e-9; s += stepS) {
      const x = this.sweep ? p.x + (s / windowS) * p.width : p.x + p.width - (s / windowS) * p.width;
      g.moveTo(x, p.y + p.height).lineTo(x, p.y + p.height + 4).stroke({ width: 1, color: THEME.axis });
      const text = this.sweep ? `${s} s` : s === 0 ? 'now' : `−${s} s`;
      label(text, x, p.y + p.height + 6, s === 0 ? (this.sweep ? 0 : 1) : 0.5, 0);
    }
    this.drawCursor();
  }

  /** Rows shown and how many of them are excitatory, for legends and tests. */
  get shownRows(): { rows: number; excitatoryRows: number; neurons: number; excitatory: number } {
    return { rows: this.rows, excitatoryRows: this.excRows, neurons: this.neurons, excitatory: this.excitatory };
  }
}

/**
 * The neuron sheet: one cell per neuron at its site on the grid, coloured by membrane potential and
 * glowing when it fires. Each display frame the glow filter (photosensitivity-safe unless the raw
 * mode is chosen) is stepped and written into a preallocated RGBA8 buffer that is `update()`d;
 * sheet.frag maps it to colour through a lookup table.
 */
import { BufferImageSource, Container, Graphics, Shader, UniformGroup } from 'pixi.js';
import type { Mesh, MeshGeometry } from 'pixi.js';
import type { CreateResult, Frame } from '../protocol/types';
import { buildSheetLut, COLORMAP_SIZE, GLOW_LEVELS } from './colormap';
import { GlowFilter, SAFE_GLOW } from './glowFilter';
import type { GlowFilterOptions } from './glowFilter';
import { quadMesh, quadVert, setQuadSize, sheetFrag } from './shaders';
import { PROBE_COLOURS, rgb01, THEME } from './theme';
import type { ViewRect } from './theme';

export class SheetView {
  readonly container = new Container({ label: 'sheet' });
  private readonly lut: BufferImageSource;
  private cells: BufferImageSource;
  private texels: Uint8Array;
  private readonly uniforms: UniformGroup;
  private readonly shader: Shader;
  private readonly mesh: Mesh<MeshGeometry, Shader>;
  private filter = new GlowFilter(0);
  private siteOfNeuron = new Uint32Array(0);
  /** neuron id at each site, −1 where none sits */
  private neuronAtSite = new Int32Array(0);
  /** rings around the probed cells */
  private readonly marks = new Graphics();
  private markIds: number[] = [];
  private grid = { width: 1, height: 1 };
  private rect: ViewRect = { x: 0, y: 0, width: 1, height: 1 };
  private resolution = 1;
  private filterOptions: GlowFilterOptions = SAFE_GLOW;
  /** new data or a new network since the last upload */
  private fresh = true;

  constructor() {
    this.lut = new BufferImageSource({
      resource: buildSheetLut(),
      width: COLORMAP_SIZE,
      height: GLOW_LEVELS,
      format: 'rgba8unorm',
      alphaMode: 'no-premultiply-alpha',
      scaleMode: 'nearest',
    });
    this.texels = new Uint8Array(4);
    this.cells = this.makeCellSource(1, 1);
    this.uniforms = new UniformGroup({
      uGrid: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uCellPx: { value: 1, type: 'f32' },
      uBackground: { value: rgb01(THEME.plotBackground), type: 'vec3<f32>' },
    });
    this.shader = Shader.from({
      gl: { vertex: quadVert, fragment: sheetFrag },
      resources: { uCells: this.cells, uLut: this.lut, sheetUniforms: this.uniforms },
    });
    this.mesh = quadMesh(this.shader);
    this.container.addChild(this.mesh, this.marks);
  }

  private makeCellSource(width: number, height: number): BufferImageSource {
    this.texels = new Uint8Array(width * height * 4);
    return new BufferImageSource({
      resource: this.texels,
      width,
      height,
      format: 'rgba8unorm',
      alphaMode: 'no-premultiply-alpha',
      scaleMode: 'nearest',
    });
  }

  /** A new network: its grid, where each neuron sits, and a fresh filter. */
  configure(created: Pick<CreateResult, 'width' | 'height' | 'siteOfNeuron'>): void {
    const { width, height, siteOfNeuron } = created;
    if (width !== this.grid.width || height !== this.grid.height) {
      const old = this.cells;
      this.cells = this.makeCellSource(width, height);
      this.shader.resources.uCells = this.cells;
      old.destroy();
    } else {
      this.texels.fill(0);
    }
    this.grid = { width, height };
    this.siteOfNeuron = siteOfNeuron.slice();
    this.neuronAtSite = new Int32Array(width * height).fill(-1);
    for (let i = 0; i < siteOfNeuron.length; i++) this.neuronAtSite[siteOfNeuron[i]] = i;
    this.markIds = [];
    this.filter = new GlowFilter(siteOfNeuron.length, this.filterOptions);
    (this.uniforms.uniforms.uGrid as Float32Array).set([width, height]);
    this.layout(this.rect, this.resolution);
    this.fresh = true;
    this.draw(0);
  }

  /** Photosensitivity-safe (default), reduced-motion or raw flashes. */
  setFilterOptions(options: GlowFilterOptions): void {
    this.filterOptions = options;
    this.filter.options = options;
  }

  /** Takes a frame's spikes and voltages; they show from the next draw. */
  ingest(frame: Frame): void {
    this.filter.addChunk(frame.spikeIds, frame.spikeSteps, frame.startStep, frame.endStep, frame.dtMs);
    if (frame.vMV.length > 0) this.filter.setVoltages(frame.vMV);
    this.fresh = true;
  }

  /** Advances the glow by dtMs of real time and uploads the texture; false when nothing changed. */
  draw(dtMs: number): boolean {
    const changed = this.filter.step(dtMs) || this.fresh;
    this.fresh = false;
    if (!changed) return false;
    this.filter.writeTexels(this.texels, this.siteOfNeuron);
    this.cells.update();
    return true;
  }

  /** Fits the sheet, keeping its cells square, centred in rect (CSS pixels). */
  layout(rect: ViewRect, resolution: number): void {
    this.rect = rect;
    this.resolution = resolution;
    const cellCss = Math.max(0.1, Math.min(rect.width / this.grid.width, rect.height / this.grid.height));
    const width = cellCss * this.grid.width;
    const height = cellCss * this.grid.height;
    this.container.position.set(Math.round(rect.x + (rect.width - width) / 2), Math.round(rect.y + (rect.height - height) / 2));
    setQuadSize(this.mesh, width, height);
    this.uniforms.uniforms.uCellPx = cellCss * resolution;
    this.drawMarks();
  }

  /** Rings around these neurons' cells, in the probe colours (order = colour). */
  setMarks(ids: readonly number[]): void {
    this.markIds = ids.slice();
    this.drawMarks();
  }

  private drawMarks(): void {
    const g = this.marks;
    g.clear();
    const cell = this.positionsCellCss();
    const r = Math.max(5, cell * 1.6);
    this.markIds.forEach((id, order) => {
      const site = this.siteOfNeuron[id];
      if (site === undefined) return;
      const x = ((site % this.grid.width) + 0.5) * cell;
      const y = (Math.floor(site / this.grid.width) + 0.5) * cell;
      g.circle(x, y, r).stroke({ width: 3, color: THEME.background, alpha: 0.8 });
      g.circle(x, y, r).stroke({ width: 2, color: PROBE_COLOURS[order % PROBE_COLOURS.length] });
    });
  }

  private positionsCellCss(): number {
    return this.mesh.geometry.positions[2] / Math.max(1, this.grid.width);
  }

  /**
   * The neuron drawn at (x, y) in canvas CSS pixels, or −1 (outside the sheet or an empty site).
   */
  neuronAt(x: number, y: number): number {
    const r = this.drawnRect;
    if (x < r.x || y < r.y || x >= r.x + r.width || y >= r.y + r.height) return -1;
    const cx = Math.min(this.grid.width - 1, Math.floor(((x - r.x) / r.width) * this.grid.width));
    const cy = Math.min(this.grid.height - 1, Math.floor(((y - r.y) / r.height) * this.grid.height));
    return this.neuronAtSite[cy * this.grid.width + cx] ?? -1;
  }

  /** Centre of a neuron's cell in canvas CSS pixels (for tests and keyboard users). */
  cellCentre(id: number): { x: number; y: number } | null {
    const site = this.siteOfNeuron[id];
    if (site === undefined) return null;
    const r = this.drawnRect;
    const cell = r.width / this.grid.width;
    return { x: r.x + ((site % this.grid.width) + 0.5) * cell, y: r.y + (Math.floor(site / this.grid.width) + 0.5) * cell };
  }

  /** The sheet's drawn area (CSS pixels, canvas coordinates) — for hit-testing clicks on cells. */
  get drawnRect(): ViewRect {
    const p = this.container.position;
    const positions = this.mesh.geometry.positions;
    return { x: p.x, y: p.y, width: positions[2], height: positions[5] };
  }

  /** Membrane-potential display position and glow of a neuron (0..1), for tests and probes. */
  cellState(id: number): { volt: number; glow: number } {
    return { volt: this.filter.volt[id] ?? 0, glow: this.filter.glow[id] ?? 0 };
  }
}

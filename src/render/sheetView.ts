/**
 * The neuron sheet: one cell per neuron at its site on the grid, coloured by membrane potential and
 * glowing when it fires — or (setMode) coloured by its patch's [K⁺]o, by its first-spike delay in
 * the last burst's onset (the recruitment map, onset site ringed), or replaying that onset slowly.
 * Every mode keeps the flash rule: the [K⁺]o colours move under the voltage map's slew limit (its
 * colour map spans ≈ 0.13 of luminance), the recruitment map is still, and the replay goes through
 * its own photosensitivity-safe GlowFilter, whose limits are in real time whatever the replay speed. Each display frame the glow filter (photosensitivity-safe unless the raw
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

export type SheetMode = 'v' | 'k' | 'recruit' | 'replay';

/** What the recruitment map draws (src/analysis/recruitmentMap.ts makes it): a delay per neuron, NaN where none. */
export interface RecruitmentMap {
  delayMs: Float32Array;
  /** the colour scale's top, ms */
  delay90Ms: number;
}

/**
 * The [K⁺]o map's colour scale, mM: a seizure's ≈ 12 mM near the top; the bottom is the bath slider's
 * lowest, 2 mM, so that the postictal undershoot (≈ 2.4–2.9 mM at zero Mg, the pump still fast) shows
 * darker than the normal bath of 3.5 mM instead of clamped to the same colour as it.
 */
export const K_MAP_MIN_MM = 2;
export const K_MAP_MAX_MM = 13;
/** Simulated ms per real ms of the slow replay: 450 ms of onset over 9 s. */
export const REPLAY_SPEED = 0.05;
/** The replay shows this long before and after the onset, ms. */
export const REPLAY_BEFORE_MS = 50;
export const REPLAY_AFTER_MS = 400;

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
  mode: SheetMode = 'v';
  /** per neuron: the displayed [K⁺]o position 0..1 and its target from the latest frame */
  private kShown = new Float32Array(0);
  private kTarget = new Float32Array(0);
  private hasK = false;
  /** the last recruitment map (delays) and its burst's onset site, −1 unknown */
  recruitment: RecruitmentMap | null = null;
  private onsetSite = -1;
  private readonly onsetMark = new Graphics();
  /** the replay: its own glow filter, the onset's spikes, and its clock in simulated ms from the first */
  private replayFilter = new GlowFilter(0);
  private replaySpikes: { ids: Uint32Array; steps: Uint32Array; dtMs: number; fromMs: number; toMs: number } | null = null;
  private replayClockMs = 0;
  private replayNext = 0;

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
    this.container.addChild(this.mesh, this.marks, this.onsetMark);
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
    this.kShown = new Float32Array(siteOfNeuron.length);
    this.kTarget = new Float32Array(siteOfNeuron.length);
    this.hasK = false;
    this.recruitment = null;
    this.onsetSite = -1;
    this.replaySpikes = null;
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
    const ions = frame.ions;
    if (ions) {
      const w = this.grid.width;
      const side = ions.patchSites;
      const scale = 1 / (K_MAP_MAX_MM - K_MAP_MIN_MM);
      for (let i = 0; i < this.kTarget.length; i++) {
        const site = this.siteOfNeuron[i];
        const p = Math.floor((site % w) / side) + ions.patchCols * Math.floor(Math.floor(site / w) / side);
        const u = (ions.kOutMM[p] - K_MAP_MIN_MM) * scale;
        this.kTarget[i] = u < 0 ? 0 : u > 1 ? 1 : u;
      }
      if (!this.hasK) this.kShown.set(this.kTarget);
      this.hasK = true;
    }
    this.fresh = true;
  }

  /** What the cells show: V (and glow), [K⁺]o, the recruitment map or the replay. */
  setMode(mode: SheetMode): void {
    this.mode = mode;
    this.fresh = true;
    this.drawOnset();
  }

  /** A new recruitment map, for the burst whose onset the analysis placed at onsetSite (−1: unknown). */
  setRecruitment(map: RecruitmentMap, onsetSite: number): void {
    this.recruitment = map;
    this.onsetSite = onsetSite;
    this.fresh = true;
    this.drawOnset();
  }

  /** Starts the slow replay of these spikes (sorted by step) from fromMs to toMs of simulated time. */
  startReplay(ids: Uint32Array, steps: Uint32Array, dtMs: number, fromMs: number, toMs: number): void {
    this.replaySpikes = { ids, steps, dtMs, fromMs, toMs };
    this.replayFilter = new GlowFilter(this.siteOfNeuron.length, this.filterOptions);
    this.replayClockMs = fromMs;
    this.replayNext = 0;
    this.setMode('replay');
  }

  /** Simulated time the replay has reached, ms (NaN without one), and whether it has ended. */
  get replayState(): { clockMs: number; done: boolean } {
    const r = this.replaySpikes;
    return r ? { clockMs: this.replayClockMs, done: this.replayClockMs >= r.toMs } : { clockMs: Number.NaN, done: true };
  }

  private stepReplay(dtMs: number): boolean {
    const r = this.replaySpikes;
    const f = this.replayFilter;
    if (!r) return false;
    const simMs = Math.min(Math.max(dtMs, 0), 100) * REPLAY_SPEED;
    const fromStep = Math.round(this.replayClockMs / r.dtMs);
    this.replayClockMs = Math.min(r.toMs, this.replayClockMs + simMs);
    const toStep = Math.round(this.replayClockMs / r.dtMs);
    let k = this.replayNext;
    const start = k;
    while (k < r.ids.length && r.steps[k] < toStep) k++;
    this.replayNext = k;
    f.addChunk(r.ids.subarray(start, k), r.steps.subarray(start, k), fromStep, Math.max(fromStep, toStep), r.dtMs);
    return f.step(dtMs) || k > start;
  }

  private drawOnset(): void {
    const g = this.onsetMark;
    g.clear();
    if ((this.mode !== 'recruit' && this.mode !== 'replay') || this.onsetSite < 0) return;
    const cell = this.positionsCellCss();
    const x = ((this.onsetSite % this.grid.width) + 0.5) * cell;
    const y = (Math.floor(this.onsetSite / this.grid.width) + 0.5) * cell;
    const r = Math.max(8, cell * 4);
    g.circle(x, y, r).stroke({ width: 4, color: THEME.background, alpha: 0.9 });
    g.circle(x, y, r).stroke({ width: 2, color: 0xffffff });
    g.moveTo(x - r * 1.6, y).lineTo(x - r * 0.6, y).moveTo(x + r * 0.6, y).lineTo(x + r * 1.6, y);
    g.moveTo(x, y - r * 1.6).lineTo(x, y - r * 0.6).moveTo(x, y + r * 0.6).lineTo(x, y + r * 1.6);
    g.stroke({ width: 2, color: 0xffffff });
  }

  /** Steps the [K⁺]o display toward its target under the voltage map's slew limit; true when it moved. */
  private stepK(dtMs: number): boolean {
    const maxStep = this.filterOptions.voltSlewPerS * Math.min(Math.max(dtMs, 0), 100) * 1e-3;
    let moved = 0;
    for (let i = 0; i < this.kShown.length; i++) {
      let d = this.kTarget[i] - this.kShown[i];
      if (d > maxStep) d = maxStep;
      else if (d < -maxStep) d = -maxStep;
      this.kShown[i] += d;
      moved += d < 0 ? -d : d;
    }
    return moved > 1e-4;
  }

  /** Writes one value per neuron as the colour (R), no glow; NaN sites are drawn as background. */
  private writeScalar(values: Float32Array, scale: number): void {
    const t = this.texels;
    for (let i = 0; i < values.length; i++) {
      const at = this.siteOfNeuron[i] * 4;
      const u = values[i] * scale;
      if (Number.isNaN(u)) {
        t[at + 3] = 0;
        continue;
      }
      t[at] = ((u < 0 ? 0 : u > 1 ? 1 : u) * 255 + 0.5) | 0;
      t[at + 1] = 0;
      t[at + 3] = 255;
    }
  }

  /** Advances the glow by dtMs of real time and uploads the texture; false when nothing changed. */
  draw(dtMs: number): boolean {
    // the live filter runs in every mode, so going back to V shows the present state at once
    let changed = this.filter.step(dtMs) || this.fresh;
    if (this.hasK) changed = this.stepK(dtMs) || changed;
    if (this.mode === 'replay') changed = this.stepReplay(dtMs) || changed;
    this.fresh = false;
    if (!changed) return false;
    if (this.mode === 'k') this.writeScalar(this.kShown, 1);
    else if (this.mode === 'recruit' && this.recruitment) {
      const map = this.recruitment;
      this.writeScalar(map.delayMs, 1 / Math.max(1, map.delay90Ms));
    } else if (this.mode === 'replay') this.replayFilter.writeTexels(this.texels, this.siteOfNeuron);
    else this.filter.writeTexels(this.texels, this.siteOfNeuron);
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
    this.drawOnset();
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

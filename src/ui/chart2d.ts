/**
 * A small canvas-2D x–y chart for the experiments' results and the ions panel. They are drawn once
 * when a result arrives or twice a second (not per frame) and sit outside the live views, so a plain
 * 2D canvas is enough — and it copies straight into a PNG. Sharp on HiDPI: the backing store is devicePixelRatio times the CSS size.
 */
export interface Series {
  label: string;
  colour: string;
  points: { x: number; y: number }[];
  /** 'line', 'dots' or both; dashed draws the line dashed */
  style: { line?: boolean; dots?: boolean; dashed?: boolean };
  /** which y axis: left (default) or right */
  axis?: 'left' | 'right';
}

export interface ChartSpec {
  xTitle: string;
  yTitle: string;
  yRightTitle?: string;
  x: { min: number; max: number; ticks: number[] };
  y: { min: number; max: number; ticks: number[] };
  yRight?: { min: number; max: number; ticks: number[] };
  series: Series[];
  /** a vertical band, e.g. the negative-slope region */
  band?: { from: number; to: number; colour: string; label: string };
  /** the space around the plot, CSS px (default: room for 13 px labels and both axis titles) */
  margin?: { left: number; right: number; top: number; bottom: number };
}

const COLOURS = { background: '#0f131b', grid: '#1e2633', axis: '#4a5568', label: '#9aa7b8', text: '#e3e8ef' };

function minus(v: number): string {
  const s = Number.isInteger(v) ? String(Math.abs(v)) : String(Math.abs(Number(v.toFixed(2))));
  return v < 0 ? `−${s}` : s;
}

export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, fontPx = 13): void {
  const dpr = canvas.ownerDocument.defaultView?.devicePixelRatio || 1;
  const cssW = canvas.clientWidth || canvas.width;
  const cssH = canvas.clientHeight || canvas.height;
  canvas.width = Math.round(cssW * dpr);
  canvas.height = Math.round(cssH * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, cssW, cssH);
  const m = spec.margin ?? { left: 52, right: spec.yRight ? 52 : 14, top: 30, bottom: 42 };
  const p = { x: m.left, y: m.top, w: Math.max(10, cssW - m.left - m.right), h: Math.max(10, cssH - m.top - m.bottom) };
  const xOf = (x: number): number => p.x + ((x - spec.x.min) / (spec.x.max - spec.x.min)) * p.w;
  const yOf = (y: number, axis: 'left' | 'right' = 'left'): number => {
    const s = axis === 'right' && spec.yRight ? spec.yRight : spec.y;
    const u = (y - s.min) / (s.max - s.min);
    return p.y + p.h * (1 - Math.min(1.05, Math.max(-0.05, u)));
  };
  ctx.font = `${fontPx}px Inter, 'Segoe UI', Roboto, Arial, sans-serif`;
  ctx.lineWidth = 1;

  if (spec.band) {
    ctx.fillStyle = spec.band.colour;
    ctx.globalAlpha = 0.16;
    ctx.fillRect(xOf(spec.band.from), p.y, xOf(spec.band.to) - xOf(spec.band.from), p.h);
    ctx.globalAlpha = 1;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(spec.band.label, (xOf(spec.band.from) + xOf(spec.band.to)) / 2, p.y + 4);
  }

  ctx.strokeStyle = COLOURS.grid;
  ctx.fillStyle = COLOURS.label;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of spec.y.ticks) {
    const y = Math.round(yOf(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(p.x, y);
    ctx.lineTo(p.x + p.w, y);
    ctx.stroke();
    ctx.fillText(minus(t), p.x - 6, y);
  }
  if (spec.yRight) {
    ctx.textAlign = 'left';
    for (const t of spec.yRight.ticks) ctx.fillText(minus(t), p.x + p.w + 6, yOf(t, 'right'));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of spec.x.ticks) {
    const x = Math.round(xOf(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, p.y);
    ctx.lineTo(x, p.y + p.h);
    ctx.stroke();
    ctx.fillText(minus(t), x, p.y + p.h + 5);
  }
  ctx.strokeStyle = COLOURS.axis;
  ctx.beginPath();
  ctx.moveTo(p.x + 0.5, p.y);
  ctx.lineTo(p.x + 0.5, p.y + p.h + 0.5);
  ctx.lineTo(p.x + p.w, p.y + p.h + 0.5);
  ctx.stroke();
  if (spec.y.min < 0 && spec.y.max > 0) {
    ctx.beginPath();
    ctx.moveTo(p.x, Math.round(yOf(0)) + 0.5);
    ctx.lineTo(p.x + p.w, Math.round(yOf(0)) + 0.5);
    ctx.stroke();
  }

  // titles
  ctx.fillStyle = COLOURS.text;
  ctx.textAlign = 'right';
  ctx.fillText(spec.xTitle, p.x + p.w, p.y + p.h + 8 + fontPx);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText(spec.yTitle, 4, p.y - 8);
  if (spec.yRightTitle) {
    ctx.textAlign = 'right';
    ctx.fillText(spec.yRightTitle, cssW - 4, p.y - 8);
  }

  for (const s of spec.series) {
    ctx.strokeStyle = s.colour;
    ctx.fillStyle = s.colour;
    ctx.lineWidth = 2.5;
    if (s.style.line && s.points.length > 1) {
      ctx.setLineDash(s.style.dashed ? [6, 5] : []);
      ctx.beginPath();
      s.points.forEach((pt, k) => (k === 0 ? ctx.moveTo(xOf(pt.x), yOf(pt.y, s.axis)) : ctx.lineTo(xOf(pt.x), yOf(pt.y, s.axis))));
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (s.style.dots) {
      for (const pt of s.points) {
        ctx.beginPath();
        ctx.arc(xOf(pt.x), yOf(pt.y, s.axis), 4.5, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }

  // legend along the top, in as many rows as the plot's width needs (a phone's chart is narrow):
  // an entry never runs past the plot's right edge unless it is wider than the whole row
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const rowPx = Math.round(fontPx * 1.35);
  for (const entry of legendLayout(spec.series.map((s) => 19 + ctx.measureText(s.label).width), p.w - 8, rowPx)) {
    const s = spec.series[entry.index];
    const lx = p.x + 8 + entry.x;
    const ly = p.y + 12 + (spec.band ? fontPx + 4 : 0) + entry.y;
    // a dark backing, so a row laid over the traces stays readable
    ctx.fillStyle = COLOURS.background;
    ctx.globalAlpha = 0.75;
    ctx.fillRect(lx - 3, ly - rowPx / 2, entry.width + 6, rowPx);
    ctx.globalAlpha = 1;
    ctx.fillStyle = s.colour;
    ctx.fillRect(lx, ly - 2, 14, 4);
    ctx.fillStyle = COLOURS.text;
    ctx.fillText(s.label, lx + 19, ly);
  }
}

/**
 * Where each legend entry goes (x, y from the legend's top left, CSS px): left to right, a new row
 * of rowPx when the next entry would pass rowWidth. Pure, for the test.
 */
export function legendLayout(widths: readonly number[], rowWidth: number, rowPx: number, gapPx = 16): { index: number; x: number; y: number; width: number }[] {
  const out: { index: number; x: number; y: number; width: number }[] = [];
  let x = 0;
  let y = 0;
  widths.forEach((width, index) => {
    if (x > 0 && x + width > rowWidth) {
      x = 0;
      y += rowPx;
    }
    out.push({ index, x, y, width });
    x += width + gapPx;
  });
  return out;
}

/** Round tick values covering [0, max]: 0 and up to five steps of 1, 2 or 5 × 10^k. */
export function niceTicks(max: number, count = 5): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: [0, 0.5, 1] };
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Number(t.toFixed(6)));
  return { max: top, ticks };
}

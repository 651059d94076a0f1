/**
 * The views as one picture for the PNG export, a figure that explains itself: the panels with their
 * titles and legends as the page shows them, the views, and a caption band under them saying what
 * the picture shows (pictureCaption.ts: the network, the scene's live parameters, the time, the
 * seed). The live canvas is transparent (the page paints the panels under it), so the panels, their
 * texts and the plot backgrounds are painted first in a 2D canvas, then the views are rendered and
 * copied on top in the same task — the WebGL drawing buffer is still intact then, without
 * preserveDrawingBuffer.
 */
import { colormapCss } from '../render/colormap';
import type { Stage } from '../render/stage';
import { pictureCaption } from './pictureCaption';
import type { CaptionInput } from './pictureCaption';

const COLOURS = { page: '#0b0e14', panel: '#121722', plot: '#0f131b', title: '#e3e8ef', caption: '#c9d2de', rule: '#1f2736' };
const FONT = 'Inter, Segoe UI, Roboto, Arial, sans-serif';
/** The caption's type, CSS px, and its band's padding. */
const CAPTION = { fontPx: 15, lineGapPx: 6, padPx: 12 };

export function viewsPicture(viewsHost: HTMLElement, stage: Stage, dpr: number, caption: CaptionInput | null): HTMLCanvasElement {
  const host = viewsHost.getBoundingClientRect();
  const lines = caption ? pictureCaption(caption) : [];
  const captionH = lines.length > 0 ? CAPTION.padPx * 2 + lines.length * CAPTION.fontPx + (lines.length - 1) * CAPTION.lineGapPx : 0;
  const canvas = viewsHost.ownerDocument.createElement('canvas');
  canvas.width = Math.round(host.width * dpr);
  canvas.height = Math.round((host.height + captionH) * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = COLOURS.page;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(dpr, dpr);
  for (const panel of Array.from(viewsHost.querySelectorAll<HTMLElement>('.panel'))) {
    const r = panel.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    ctx.fillStyle = COLOURS.panel;
    ctx.fillRect(r.left - host.left, r.top - host.top, r.width, r.height);
    const title = panel.querySelector('h2');
    if (title) {
      const text = title.cloneNode(true) as HTMLElement;
      for (const link of Array.from(text.querySelectorAll('.why'))) link.remove();
      const t = title.getBoundingClientRect();
      ctx.fillStyle = COLOURS.title;
      ctx.font = `600 ${parseFloat(getComputedStyle(title).fontSize)}px ${FONT}`;
      ctx.textBaseline = 'middle';
      ctx.fillText((text.textContent ?? '').trim(), t.left - host.left, t.top - host.top + t.height / 2);
    }
    const legend = panel.querySelector<HTMLElement>('.legend');
    if (legend) paintLegend(ctx, legend, host);
    const plot = panel.querySelector<HTMLElement>('.plot');
    if (plot) {
      const p = plot.getBoundingClientRect();
      ctx.fillStyle = COLOURS.plot;
      ctx.fillRect(p.left - host.left, p.top - host.top, p.width, p.height);
    }
  }
  if (lines.length > 0) {
    const y0 = host.height;
    ctx.fillStyle = COLOURS.rule;
    ctx.fillRect(0, y0, host.width, 1);
    ctx.fillStyle = COLOURS.caption;
    ctx.font = `400 ${CAPTION.fontPx}px ${FONT}`;
    ctx.textBaseline = 'top';
    lines.forEach((line, k) => ctx.fillText(line, CAPTION.padPx, y0 + CAPTION.padPx + k * (CAPTION.fontPx + CAPTION.lineGapPx), host.width - 2 * CAPTION.padPx));
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  stage.snapshotInto(ctx, Math.round(host.width * dpr), Math.round(host.height * dpr));
  return canvas;
}

/** A legend as the page lays it out: each swatch in its colour, each label in its own type. */
function paintLegend(ctx: CanvasRenderingContext2D, legend: HTMLElement, host: DOMRect): void {
  for (const item of Array.from(legend.children) as HTMLElement[]) {
    const r = item.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const style = getComputedStyle(item);
    const x = r.left - host.left;
    const y = r.top - host.top;
    if (item.classList.contains('colorbar')) {
      const gradient = ctx.createLinearGradient(x, 0, x + r.width, 0);
      for (const u of [0, 0.25, 0.5, 0.75, 1]) gradient.addColorStop(u, colormapCss(u));
      ctx.fillStyle = gradient;
      ctx.fillRect(x, y, r.width, r.height);
    } else if (item.classList.contains('swatch')) {
      ctx.fillStyle = style.backgroundColor;
      ctx.fillRect(x, y, r.width, r.height);
    } else if (item.textContent) {
      ctx.fillStyle = style.color;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${FONT}`;
      ctx.textBaseline = 'middle';
      ctx.fillText(item.textContent.trim(), x, y + r.height / 2);
    }
  }
}

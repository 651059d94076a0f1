/**
 * The views as one picture for the PNG export. The live canvas is transparent (the page paints the
 * panels under it), so the panels, their titles and the plot backgrounds are painted first in a 2D
 * canvas, then the views are rendered and copied on top in the same task — the WebGL drawing
 * buffer is still intact then, without preserveDrawingBuffer.
 */
import type { Stage } from '../render/stage';

const COLOURS = { page: '#0b0e14', panel: '#121722', plot: '#0f131b', title: '#e3e8ef' };

export function viewsPicture(viewsHost: HTMLElement, stage: Stage, dpr: number): HTMLCanvasElement {
  const host = viewsHost.getBoundingClientRect();
  const canvas = viewsHost.ownerDocument.createElement('canvas');
  canvas.width = Math.round(host.width * dpr);
  canvas.height = Math.round(host.height * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = COLOURS.page;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(dpr, dpr);
  for (const panel of Array.from(viewsHost.querySelectorAll<HTMLElement>('.panel'))) {
    const r = panel.getBoundingClientRect();
    ctx.fillStyle = COLOURS.panel;
    ctx.fillRect(r.left - host.left, r.top - host.top, r.width, r.height);
    const title = panel.querySelector('h2');
    if (title) {
      const text = title.cloneNode(true) as HTMLElement;
      for (const link of Array.from(text.querySelectorAll('.why'))) link.remove();
      ctx.fillStyle = COLOURS.title;
      ctx.font = '600 16px Inter, Segoe UI, Roboto, Arial, sans-serif';
      ctx.textBaseline = 'top';
      ctx.fillText((text.textContent ?? '').trim(), r.left - host.left + 12, r.top - host.top + 9);
    }
    const plot = panel.querySelector<HTMLElement>('.plot');
    if (plot) {
      const p = plot.getBoundingClientRect();
      ctx.fillStyle = COLOURS.plot;
      ctx.fillRect(p.left - host.left, p.top - host.top, p.width, p.height);
    }
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  stage.snapshotInto(ctx);
  return canvas;
}

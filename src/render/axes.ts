/**
 * Small helpers shared by the x–y views (Mg block, probe): a linear scale, and axes with ticks and
 * labels drawn into a Graphics and a Container of Text. Called on layout and on a change of scale,
 * never per frame.
 */
import { Container, Graphics, Text } from 'pixi.js';
import { THEME } from './theme';
import type { ViewRect } from './theme';

export interface Scale {
  min: number;
  max: number;
}

/** Position of value v of scale s along [from, to] (pixels), clamped to the ends. */
export function mapTo(v: number, s: Scale, from: number, to: number): number {
  const u = (v - s.min) / (s.max - s.min);
  return from + (to - from) * (u < 0 ? 0 : u > 1 ? 1 : u);
}

export interface LabelStyle {
  fontSize: number;
  fill?: number;
  bold?: boolean;
}

export function addLabel(
  into: Container,
  text: string,
  x: number,
  y: number,
  anchorX: number,
  anchorY: number,
  style: LabelStyle,
): Text {
  const t = new Text({
    text,
    style: {
      fontFamily: THEME.fontFamily,
      fontSize: style.fontSize,
      fill: style.fill ?? THEME.label,
      fontWeight: style.bold ? '600' : '400',
    },
  });
  t.anchor.set(anchorX, anchorY);
  t.position.set(Math.round(x), Math.round(y));
  into.addChild(t);
  return t;
}

export function clearLabels(labels: Container): void {
  for (const child of labels.removeChildren()) child.destroy();
}

export interface AxesSpec {
  plot: ViewRect;
  x: Scale;
  y: Scale;
  xTicks: number[];
  yTicks: number[];
  xTitle: string;
  yTitle: string;
  fontSize: number;
  /** draw a zero line across (y = 0) when 0 lies inside the y scale */
  zeroLine?: boolean;
  formatY?: (v: number) => string;
  formatX?: (v: number) => string;
  /** the y title inside the plot's top-left corner instead of above it */
  yTitleInside?: boolean;
}

/** Grid, axis lines, ticks, tick labels and axis titles. */
export function drawAxes(g: Graphics, labels: Container, spec: AxesSpec): void {
  const { plot, x, y, fontSize } = spec;
  const style = { fontSize };
  const xOf = (v: number): number => mapTo(v, x, plot.x, plot.x + plot.width);
  const yOf = (v: number): number => mapTo(v, y, plot.y + plot.height, plot.y);
  for (const t of spec.yTicks) {
    const py = Math.round(yOf(t)) + 0.5;
    g.moveTo(plot.x, py).lineTo(plot.x + plot.width, py).stroke({ width: 1, color: THEME.grid });
    addLabel(labels, spec.formatY ? spec.formatY(t) : String(t), plot.x - 5, py, 1, 0.5, style);
  }
  for (const t of spec.xTicks) {
    const px = Math.round(xOf(t)) + 0.5;
    g.moveTo(px, plot.y).lineTo(px, plot.y + plot.height).stroke({ width: 1, color: THEME.grid });
    g.moveTo(px, plot.y + plot.height).lineTo(px, plot.y + plot.height + 4).stroke({ width: 1, color: THEME.axis });
    addLabel(labels, spec.formatX ? spec.formatX(t) : t < 0 ? `−${-t}` : String(t), px, plot.y + plot.height + 5, 0.5, 0, style);
  }
  if (spec.zeroLine && y.min < 0 && y.max > 0) {
    const py = Math.round(yOf(0)) + 0.5;
    g.moveTo(plot.x, py).lineTo(plot.x + plot.width, py).stroke({ width: 1, color: THEME.axis });
  }
  g.moveTo(plot.x + 0.5, plot.y).lineTo(plot.x + 0.5, plot.y + plot.height).stroke({ width: 1, color: THEME.axis });
  g.moveTo(plot.x, plot.y + plot.height + 0.5).lineTo(plot.x + plot.width, plot.y + plot.height + 0.5).stroke({ width: 1, color: THEME.axis });
  if (spec.xTitle) addLabel(labels, spec.xTitle, plot.x + plot.width, plot.y + plot.height + 5 + fontSize + 3, 1, 0, style);
  if (spec.yTitleInside) addLabel(labels, spec.yTitle, plot.x + 5, plot.y + 1, 0, 0, { fontSize, fill: THEME.text });
  else addLabel(labels, spec.yTitle, plot.x - 4, plot.y - 4, 0, 1, { fontSize, fill: THEME.text });
}

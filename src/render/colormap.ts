/**
 * The sheet's colours, defined once here: the membrane-potential colour map and the glow colour,
 * composed in linear light by `composeLinear` below. The GPU gets the result as a lookup table
 * (voltage × glow → sRGB, `buildSheetLut`), so the photosensitivity test computes with the same
 * function the luminance a viewer sees.
 *
 * Design: the voltage map is dark and low in luminance contrast (relative luminance 0.01 → 0.13),
 * so membrane fluctuations cannot flash; brightness is carried by the (filtered) glow alone. The
 * glow is a warm cream, far from saturated red (WCAG 2.3.1 red-flash rule).
 */

/** Membrane potential mapped to the bottom and top of the colour map, mV. */
export const V_DISPLAY_MIN_MV = -75;
export const V_DISPLAY_MAX_MV = -48;

/** sRGB stops of the voltage colour map, position 0..1 (hyperpolarised → near threshold). */
export const VOLTAGE_STOPS: ReadonlyArray<readonly [number, number, number, number]> = [
  [0.0, 0x0a, 0x0f, 0x24],
  [0.3, 0x14, 0x24, 0x4e],
  [0.6, 0x1c, 0x45, 0x70],
  [0.85, 0x23, 0x62, 0x7a],
  [1.0, 0x2c, 0x70, 0x78],
];

/** sRGB of a fully glowing cell. */
export const GLOW_SRGB: readonly [number, number, number] = [0xff, 0xd3, 0x8a];

/** Fraction of the glow colour mixed in at glow 1 (in linear light). */
export const GLOW_MIX_MAX = 0.75;

/** Colour-map texture width. */
export const COLORMAP_SIZE = 256;

function lerpStops(u: number, channel: 1 | 2 | 3): number {
  const stops = VOLTAGE_STOPS;
  if (u <= stops[0][0]) return stops[0][channel];
  for (let k = 1; k < stops.length; k++) {
    if (u <= stops[k][0]) {
      const f = (u - stops[k - 1][0]) / (stops[k][0] - stops[k - 1][0]);
      return stops[k - 1][channel] + f * (stops[k][channel] - stops[k - 1][channel]);
    }
  }
  return stops[stops.length - 1][channel];
}

/** The colour map as RGBA8 texels (sRGB), COLORMAP_SIZE × 1. */
export function buildColormapTexels(): Uint8Array {
  const texels = new Uint8Array(COLORMAP_SIZE * 4);
  for (let k = 0; k < COLORMAP_SIZE; k++) {
    const u = k / (COLORMAP_SIZE - 1);
    texels[k * 4] = Math.round(lerpStops(u, 1));
    texels[k * 4 + 1] = Math.round(lerpStops(u, 2));
    texels[k * 4 + 2] = Math.round(lerpStops(u, 3));
    texels[k * 4 + 3] = 255;
  }
  return texels;
}

/** sRGB transfer function, 0..1 → linear light (IEC 61966-2-1, as in WCAG's luminance formula). */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance (WCAG 2.x) of a linear-light colour. */
export function relativeLuminance(r: number, g: number, b: number): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The displayed cell colour in linear light for voltage position u (0..1) and glow a (0..1), as the
 * sheet shader computes it: colour-map texel (nearest of COLORMAP_SIZE) mixed toward the glow.
 */
export function composeLinear(u: number, a: number, texels: Uint8Array, out: Float64Array): Float64Array {
  const k = Math.min(COLORMAP_SIZE - 1, Math.max(0, Math.round(u * (COLORMAP_SIZE - 1))));
  const mix = Math.min(1, Math.max(0, a)) * GLOW_MIX_MAX;
  for (let c = 0; c < 3; c++) {
    const base = srgbToLinear(texels[k * 4 + c] / 255);
    const glow = srgbToLinear(GLOW_SRGB[c] / 255);
    out[c] = base + (glow - base) * mix;
  }
  return out;
}

/** Relative luminance of a cell shown with voltage position u and glow a. */
export function cellLuminance(u: number, a: number, texels: Uint8Array, scratch = new Float64Array(3)): number {
  const c = composeLinear(u, a, texels, scratch);
  return relativeLuminance(c[0], c[1], c[2]);
}

/** Linear light → sRGB 0..1. */
export function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055;
}

/** Glow levels in the sheet lookup table (the glow is uploaded as 8 bits). */
export const GLOW_LEVELS = 256;

/**
 * The sheet's final colours as an RGBA8 sRGB table, COLORMAP_SIZE (voltage) × GLOW_LEVELS (glow):
 * composeLinear for every pair, converted once here so the shader does one lookup per pixel instead
 * of two colour-space conversions (which a software renderer feels).
 */
export function buildSheetLut(texels: Uint8Array = buildColormapTexels()): Uint8Array {
  const lut = new Uint8Array(COLORMAP_SIZE * GLOW_LEVELS * 4);
  const rgb = new Float64Array(3);
  for (let g = 0; g < GLOW_LEVELS; g++) {
    for (let k = 0; k < COLORMAP_SIZE; k++) {
      composeLinear(k / (COLORMAP_SIZE - 1), g / (GLOW_LEVELS - 1), texels, rgb);
      const at = (g * COLORMAP_SIZE + k) * 4;
      for (let c = 0; c < 3; c++) lut[at + c] = Math.round(linearToSrgb(rgb[c]) * 255);
      lut[at + 3] = 255;
    }
  }
  return lut;
}

/** CSS colour of the colour map at u, for legends drawn in HTML. */
export function colormapCss(u: number): string {
  return `rgb(${Math.round(lerpStops(u, 1))} ${Math.round(lerpStops(u, 2))} ${Math.round(lerpStops(u, 3))})`;
}

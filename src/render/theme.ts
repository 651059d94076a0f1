/**
 * Colours and type of the views, in one place. Dark instrument theme: near-black panels, muted
 * axes, excitatory cells amber and inhibitory cells cyan (distinguishable with the common colour
 * vision deficiencies, which confuse red with green, not yellow with blue). The page's CSS uses the
 * same values (index.html).
 */
export const THEME = {
  background: 0x0b0e14,
  plotBackground: 0x0f131b,
  inhBackground: 0x0f1822,
  grid: 0x1e2633,
  axis: 0x4a5568,
  label: 0x9aa7b8,
  text: 0xd8dee9,
  excitatory: 0xf2a541,
  inhibitory: 0x46c4e6,
  rate: 0xe8eef7,
  rateFill: 0x3b82c4,
  mg: 0x7fd6a4,
  mgNormal: 0x3a5a48,
  mgMark: 0x7fd6a4,
  burst: 0xe05d8c,
  /** ictal events on the timeline (distinct from bursts: wider, orange, labelled) and the postictal shade after them */
  ictal: 0xff7a2f,
  postictal: 0x5b6b8c,
  /** [K⁺]o traces and the Nernst panel: the mean, the highest patch, the normal bath's line; [Na⁺]i; E_K */
  kOut: 0xff9f43,
  kMax: 0xffd08a,
  kNormal: 0x5a4a32,
  naIn: 0xb59cff,
  eK: 0x46c4e6,
  cursor: 0xd8dee9,
  /** Mg-block panel: the curves at the present [Mg]o, the 0 mM references, the negative-slope band, the cells */
  block: 0x7fd6a4,
  zeroMg: 0x8a96a8,
  negSlope: 0xffb454,
  cells: 0xffd38a,
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, system-ui, sans-serif',
  fontSize: 12,
} as const;

/** Colours of the probed neurons, in the order they are added (distinct for the common colour-vision deficiencies). */
export const PROBE_COLOURS = [0xffd36b, 0x46c4e6, 0xff7eb6, 0xb39dff] as const;

/** 0xRRGGBB → CSS hex. */
export function cssHex(hex: number): string {
  return `#${hex.toString(16).padStart(6, '0')}`;
}

/** 0xRRGGBB → [r, g, b] in 0..1 (sRGB), for shader uniforms. */
export function rgb01(hex: number): Float32Array {
  return new Float32Array([((hex >> 16) & 0xff) / 255, ((hex >> 8) & 0xff) / 255, (hex & 0xff) / 255]);
}

/** Space around a view's plot for its labels, CSS px. */
export interface Margin {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * A view's margins at a label size: each view's margins are laid out for THEME.fontSize, and grow
 * in proportion to the type (never shrink), so 28 px labels in presentation mode fit as 12 px ones do.
 */
export function scaledMargin(base: Margin, fontSize: number): Margin {
  const k = Math.max(1, fontSize / THEME.fontSize);
  return { left: Math.round(base.left * k), right: Math.round(base.right * k), top: Math.round(base.top * k), bottom: Math.round(base.bottom * k) };
}

/** A plot rectangle in CSS pixels, relative to the canvas. */
export interface ViewRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

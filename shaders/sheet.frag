#version 300 es
// The neuron sheet: one cell per neuron. uCells holds, per site, R = displayed membrane-potential
// position (0..1, already low-pass filtered), G = displayed glow (already photosensitivity-filtered),
// A = 1 where a neuron sits. uLut is the colour map: voltage across, glow down, final sRGB — built by
// buildSheetLut() in src/render/colormap.ts from the same composeLinear() the flash test uses.
precision highp float;

in vec2 vUV;
out vec4 finalColor;

uniform sampler2D uCells;
uniform sampler2D uLut;
uniform vec2 uGrid;          // cells across, cells down
uniform float uCellPx;       // device pixels per cell (a dark seam is drawn between big cells)
uniform vec3 uBackground;    // sRGB

void main(void) {
  vec2 cell = vUV * uGrid;
  ivec2 site = ivec2(clamp(floor(cell), vec2(0.0), uGrid - 1.0));
  vec4 data = texelFetch(uCells, site, 0);
  if (data.a < 0.5) {
    finalColor = vec4(uBackground, 1.0);
    return;
  }
  ivec2 entry = ivec2(floor(data.rg * 255.0 + 0.5));
  vec3 srgb = texelFetch(uLut, entry, 0).rgb;

  // a one-pixel seam between cells once they are at least 5 device pixels wide
  vec2 inCell = fract(cell) * uCellPx;
  float seam = uCellPx >= 5.0 ? min(step(inCell.x, 1.0) + step(inCell.y, 1.0), 1.0) : 0.0;
  finalColor = vec4(mix(srgb, uBackground, seam * 0.6), 1.0);
}

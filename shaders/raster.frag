#version 300 es
// The spike raster, scrolled by a uniform rather than redrawn. uRaster is a ring: texel x = raster
// row (a subsample of neurons, excitatory rows first), texel y = time column modulo the ring length;
// R = 1 where that neuron spiked in that column. uOldest is the ring column shown at the left edge.
// Each pixel takes the maximum of a 2 × 2 block of texels starting at its own, so no spike is lost
// while the ring has at most twice as many rows and columns as the plot has pixels.
precision highp float;

in vec2 vUV;
out vec4 finalColor;

uniform sampler2D uRaster;
uniform float uOldest;       // ring column at the left edge
uniform vec2 uRing;          // rows used, columns in the ring
uniform vec2 uStep;          // texels per pixel, clamped to [0, 1] (0: no second tap needed)
uniform float uExcRows;      // rows below this index are excitatory
uniform vec3 uExcColor;      // sRGB
uniform vec3 uInhColor;
uniform vec3 uBackground;
uniform vec3 uInhBackground; // a faint tint behind the inhibitory rows

void main(void) {
  float col = floor(vUV.x * uRing.y);
  float row = floor(vUV.y * uRing.x);
  int c0 = int(mod(uOldest + col, uRing.y));
  int c1 = int(mod(uOldest + min(col + uStep.x, uRing.y - 1.0), uRing.y));
  int r0 = int(row);
  int r1 = int(min(row + uStep.y, uRing.x - 1.0));
  float hit = max(
    max(texelFetch(uRaster, ivec2(r0, c0), 0).r, texelFetch(uRaster, ivec2(r1, c0), 0).r),
    max(texelFetch(uRaster, ivec2(r0, c1), 0).r, texelFetch(uRaster, ivec2(r1, c1), 0).r));
  bool excitatory = row < uExcRows;
  vec3 background = excitatory ? uBackground : uInhBackground;
  vec3 spike = excitatory ? uExcColor : uInhColor;
  finalColor = vec4(mix(background, spike, hit), 1.0);
}

/**
 * Single-cell accuracy study (issue 12 item 0): the sheet's E cell under a synaptic barrage, dt 0.1 ms,
 * against RK4 at 0.01 ms (itself checked against RK4 at 0.0025 ms). Inputs arrive on the 0.1 ms grid,
 * as in both Mg Gate and Brian2; the conductances decay exactly in every scheme, so the schemes differ
 * only in the V update: today's backward Euler with g and B(V) frozen at the step start, forward Euler
 * (Brian2's 'euler'), exponential Euler with g at the start, at the midpoint or averaged over the step,
 * and the exp replaced by V' = (V + dt/C · num · P(x)) / (1 + x · P(x)), x = dt · G / C, where
 * 1 + x·P(x) is the series of e^x cut after x^order (order 1 is backward Euler) — plain +, −, ×, ÷.
 * Also: the NMDA jump of Brunel & Wang's equations (NEST iaf_bw_2001's k0, k1), and the float32
 * error of the recommended formula.
 *
 *   npm run -s build:node && node dist-node/single-cell-accuracy.js
 */
const C = 200, gL = 10, EL = -60, EA = 0, EG = -80, EN = 0;
const tauA = 5, tauG = 10, tauN = 100, tauW = 500;
const dt = 0.1;

function xoshiro(seed: number): () => number {
  const s = [0x9e3779b9 ^ seed, 0x243f6a88, 0xb7e15162 ^ (seed * 7), 0x85a308d3];
  const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
  return () => {
    const r = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
    return r / 4294967296;
  };
}
function poisson(u: () => number, lambda: number): number {
  let k = 0, p = Math.exp(-lambda), c = p; const x = u();
  while (x > c) { k++; p *= lambda / k; c += p; }
  return k;
}

// input trains on the grid: per step, added gA, gG, sN
interface Jump { k0: number; k1: number }
interface Inputs { addA: Float64Array; addG: Float64Array; addN: Float64Array }
function barrage(steps: number, seed: number, { driveHz = 1000, eHz, iHz, nmdaJump }: { driveHz?: number; eHz: number; iHz: number; nmdaJump: Jump }): Inputs {
  const u = xoshiro(seed);
  const addA = new Float64Array(steps), addG = new Float64Array(steps), addN = new Float64Array(steps);
  // 64 E inputs each with its own presynaptic gating (rate eHz), 16 I inputs at iHz, 1000 drive inputs at 1 Hz
  const sPre = new Float64Array(64), last = new Float64Array(64).fill(-1e9);
  for (let n = 0; n < steps; n++) {
    addA[n] += poisson(u, (driveHz * dt) / 1000) * 1;
    for (let j = 0; j < 64; j++) {
      if (u() < (eHz * dt) / 1000) {
        const s = sPre[j] * Math.exp(-(n - last[j]) * dt / tauN);
        const jump = nmdaJump.k0 + nmdaJump.k1 * s;
        sPre[j] = s + jump; last[j] = n;
        addA[n] += 1; addN[n] += jump;
      }
    }
    addG[n] += poisson(u, (16 * iHz * dt) / 1000) * 10;
  }
  return { addA, addG, addN };
}

const B = (v: number, mg: number) => 1 / (1 + (mg / 3.57) * Math.exp(-0.062 * v));

// continuous right-hand side with g decaying exactly from their values at the start of the step
function rhs(v: number, gA: number, gG: number, gNs: number, w: number, mg: number, gNmax: number): number {
  return (gL * (EL - v) + gA * (EA - v) + gG * (EG - v) + gNmax * gNs * B(v, mg) * (EN - v) - w) / C;
}

function reference(inp: Inputs, steps: number, mg: number, gNmax: number, w0: number, sub = 10): Float64Array {
  const out = new Float64Array(steps);
  let v = -60, gA = 5, gG = 17, sN = 0, w = w0;
  const h = dt / sub;
  for (let n = 0; n < steps; n++) {
    gA += inp.addA[n]; gG += inp.addG[n]; sN += inp.addN[n];
    let t = 0;
    const at = (tt: number): [number, number, number, number] => [gA * Math.exp(-tt / tauA), gG * Math.exp(-tt / tauG), sN * Math.exp(-tt / tauN), w * Math.exp(-tt / tauW)];
    for (let k = 0; k < sub; k++) {
      const a = at(t), b = at(t + h / 2), c = at(t + h);
      const k1 = rhs(v, ...a, mg, gNmax);
      const k2 = rhs(v + (h / 2) * k1, ...b, mg, gNmax);
      const k3 = rhs(v + (h / 2) * k2, ...b, mg, gNmax);
      const k4 = rhs(v + h * k3, ...c, mg, gNmax);
      v += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      t += h;
    }
    out[n] = v;
    gA *= Math.exp(-dt / tauA); gG *= Math.exp(-dt / tauG); sN *= Math.exp(-dt / tauN); w *= Math.exp(-dt / tauW);
  }
  return out;
}

// P(x): e^x ≈ 1 + x P(x), truncated series (order = terms); order 1 is backward Euler
function seriesP(x: number, order: number): number {
  let p = 1;
  for (let k = order; k >= 2; k--) p = 1 + (x / k) * p;
  return p;
}
const avg = (tau: number) => (tau / dt) * (1 - Math.exp(-dt / tau));
const half = (tau: number) => Math.exp(-dt / (2 * tau));

// one scheme: { g: 'start'|'avg'|'mid', update: 'be'|'fe'|'exp'|'series', order, bMode: 'start'|'pred' }
interface Scheme { g: 'start' | 'avg' | 'mid'; update: 'fe' | 'exp' | 'series'; order?: number; bMode?: 'pred' }
function scheme(inp: Inputs, steps: number, mg: number, gNmax: number, w0: number, s: Scheme): Float64Array {
  const out = new Float64Array(steps);
  let v = -60, gA = 5, gG = 17, sN = 0, w = w0;
  const fA = s.g === 'avg' ? avg(tauA) : s.g === 'mid' ? half(tauA) : 1;
  const fG = s.g === 'avg' ? avg(tauG) : s.g === 'mid' ? half(tauG) : 1;
  const fN = s.g === 'avg' ? avg(tauN) : s.g === 'mid' ? half(tauN) : 1;
  const fW = s.g === 'avg' ? avg(tauW) : s.g === 'mid' ? half(tauW) : 1;
  const dtOverC = dt / C;
  const step = (v0: number, bv: number): number => {
    const a = gA * fA, g = gG * fG, nB = gNmax * sN * fN * bv, ww = w * fW;
    const G = gL + a + g + nB;
    const num = gL * EL + a * EA + g * EG + nB * EN - ww;
    if (s.update === 'fe') return v0 + dtOverC * (num - G * v0);
    if (s.update === 'exp') { const vi = num / G; return vi + (v0 - vi) * Math.exp(-dtOverC * G); }
    const x = dtOverC * G; const P = seriesP(x, s.order ?? 1);
    return (v0 + dtOverC * num * P) / (1 + x * P);
  };
  for (let n = 0; n < steps; n++) {
    gA += inp.addA[n]; gG += inp.addG[n]; sN += inp.addN[n];
    let vNew = step(v, B(v, mg));
    if (s.bMode === 'pred') vNew = step(v, B(0.5 * (v + vNew), mg));
    v = vNew;
    out[n] = v;
    gA *= Math.exp(-dt / tauA); gG *= Math.exp(-dt / tauG); sN *= Math.exp(-dt / tauN); w *= Math.exp(-dt / tauW);
  }
  return out;
}

// Brunel & Wang's jump
function lowerGamma(a: number, x: number): number { let term = 1 / a, total = term; for (let n = 1; term > 1e-17 * total; n++) { term *= x / (a + n); total += term; } return Math.exp(a * Math.log(x) - x) * total; }
const ratio = 2 / 100, alphaTau = 0.5 * 2;
const exact: Jump = { k0: alphaTau ** ratio * lowerGamma(1 - ratio, alphaTau), k1: Math.expm1(-alphaTau) };
const today: Jump = { k0: -Math.expm1(-alphaTau), k1: Math.expm1(-alphaTau) };
console.log(`NMDA jump: exact k0 ${exact.k0.toFixed(6)} k1 ${exact.k1.toFixed(6)}; today k0 ${today.k0.toFixed(6)} k1 ${today.k1.toFixed(6)}`);

const schemes: Record<string, Scheme> = {
  'BE, g at start (today)': { g: 'start', update: 'series', order: 1 },
  'forward Euler, g at start (Brian2 euler)': { g: 'start', update: 'fe' },
  'exp Euler, g at start, exact exp': { g: 'start', update: 'exp' },
  'exp Euler, g at midpoint, exact exp': { g: 'mid', update: 'exp' },
  'exp Euler, g step-averaged, exact exp': { g: 'avg', update: 'exp' },
  'BE, g step-averaged': { g: 'avg', update: 'series', order: 1 },
  'series P2, g averaged': { g: 'avg', update: 'series', order: 2 },
  'series P3, g averaged': { g: 'avg', update: 'series', order: 3 },
  'series P4, g averaged': { g: 'avg', update: 'series', order: 4 },
  'series P3, g midpoint': { g: 'mid', update: 'series', order: 3 },
  'series P3, g averaged, B at predicted mid-V (2x)': { g: 'avg', update: 'series', order: 3, bMode: 'pred' },
};
const cases = [
  { name: '1.2 mM, E 5 Hz, I 10 Hz', mg: 1.2, eHz: 5, iHz: 10, w0: 125 },
  { name: '0 mM, E 5 Hz, I 10 Hz', mg: 0, eHz: 5, iHz: 10, w0: 250 },
  { name: '0 mM burst-like, E 40 Hz, I 60 Hz', mg: 0, eHz: 40, iHz: 60, w0: 600 },
];
const steps = 20000; // 2 s
for (const c of cases) {
  const inp = barrage(steps, 7, { eHz: c.eHz, iHz: c.iHz, nmdaJump: today });
  const ref = reference(inp, steps, c.mg, 0.8, c.w0, 10);
  const ref2 = reference(inp, steps, c.mg, 0.8, c.w0, 40);
  let m = 0, lo = Infinity, hi = -Infinity; for (let n = 0; n < steps; n++) { m = Math.max(m, Math.abs(ref[n] - ref2[n])); lo = Math.min(lo, ref[n]); hi = Math.max(hi, ref[n]); }
  console.log(`\n${c.name}: V in [${lo.toFixed(1)}, ${hi.toFixed(1)}] mV; RK4 0.01 vs 0.0025 ms max ${m.toExponential(1)} mV`);
  for (const [name, s] of Object.entries(schemes)) {
    const v = scheme(inp, steps, c.mg, 0.8, c.w0, s);
    let sq = 0, mx = 0, bias = 0;
    for (let n = 0; n < steps; n++) { const e = v[n] - ref[n]; sq += e * e; bias += e; mx = Math.max(mx, Math.abs(e)); }
    console.log(`  ${name.padEnd(50)} rms ${Math.sqrt(sq / steps).toFixed(4)}  max ${mx.toFixed(4)}  mean ${(bias / steps).toFixed(4)} mV`);
  }
}

// float32 evaluation of the recommended formula against float64, per step from the same state
{
  const f = Math.fround;
  const aA = avg(tauA), aG = avg(tauG), aN = avg(tauN), aW = avg(tauW);
  const rec64 = (v: number, gA: number, gG: number, sN: number, w: number, bv: number): number => {
    const a = gA * aA, g = gG * aG, nB = 0.8 * aN * sN * bv, ww = w * aW;
    const G = gL + a + g + nB; const num = gL * EL + a * EA + g * EG + nB * EN - ww;
    const x = (dt / C) * G; const P = 1 + x * (0.5 + x * (1 / 6));
    return (v + (dt / C) * num * P) / (1 + x * P);
  };
  const rec32 = (v: number, gA: number, gG: number, sN: number, w: number, bv: number): number => {
    const a = f(f(gA) * f(aA)), g = f(f(gG) * f(aG)), nB = f(f(f(0.8 * aN) * f(sN)) * f(bv)), ww = f(f(w) * f(aW));
    const G = f(f(f(f(gL) + a) + g) + nB);
    const num = f(f(f(f(f(gL * EL) + f(a * EA)) + f(g * EG)) + f(nB * EN)) - ww);
    const x = f(f(dt / C) * G); const P = f(1 + f(x * f(0.5 + f(x * f(1 / 6)))));
    return f(f(f(v) + f(f(f(dt / C) * num) * P)) / f(1 + f(x * P)));
  };
  const u = xoshiro(3); let worst = 0;
  for (let k = 0; k < 200000; k++) {
    const v = -80 + 60 * u(), gA = 60 * u(), gG = 200 * u(), sN = 60 * u(), w = 600 * u(), bv = B(v, 1.2 * u());
    worst = Math.max(worst, Math.abs(rec64(v, gA, gG, sN, w, bv) - rec32(v, gA, gG, sN, w, bv)));
  }
  console.log(`\nrecommended formula, float32 vs float64 from the same state: max ${worst.toExponential(2)} mV per step`);
}

/**
 * `npm run bench -- --compare A.json B.json`: two bench reports side by side, case by case, as
 * ratios of B against A (speed-up > 1 means B is faster). Cases are matched by key
 * (preset/size/[Mg]o/kernel); the frame rows by size.
 */
import type { BenchReport } from '../bench';

function describe(r: BenchReport, file: string): string {
  const load = r.loadAverageStart?.map((x) => x.toFixed(1)).join(' ') ?? '?';
  return `${file}: commit ${r.commit ?? '?'}, ${r.date}, Node ${r.node}, load ${load}`;
}

export function compareResults(a: BenchReport, b: BenchReport, fileA: string, fileB: string): void {
  console.log(`A = ${describe(a, fileA)}`);
  console.log(`B = ${describe(b, fileB)}\n`);
  const head = ['case', 'A µs/step', 'B µs/step', 'speed-up wall', 'speed-up CPU', 'A RT ×', 'B RT ×', 'A Hz', 'B Hz', 'B/A bytes/neuron'];
  const rows: string[][] = [];
  for (const rb of b.results) {
    const ra = a.results.find((r) => r.key === rb.key);
    if (!ra) continue;
    rows.push([
      rb.key,
      ra.wallUsPerStep.median.toFixed(1),
      rb.wallUsPerStep.median.toFixed(1),
      (ra.wallUsPerStep.median / rb.wallUsPerStep.median).toFixed(2),
      (ra.cpuUsPerStep.median / rb.cpuUsPerStep.median).toFixed(2),
      ra.realtimeFactor.toFixed(2),
      rb.realtimeFactor.toFixed(2),
      ra.rateHz.toFixed(1),
      rb.rateHz.toFixed(1),
      (rb.bytesPerNeuron / ra.bytesPerNeuron).toFixed(2),
    ]);
  }
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  if (rows.length === 0) console.log('(no case in common)');
  const onlyA = a.results.filter((r) => !b.results.some((x) => x.key === r.key)).map((r) => r.key);
  const onlyB = b.results.filter((r) => !a.results.some((x) => x.key === r.key)).map((r) => r.key);
  if (onlyA.length) console.log(`only in A: ${onlyA.join(', ')}`);
  if (onlyB.length) console.log(`only in B: ${onlyB.join(', ')}`);
  for (const fb of b.frames ?? []) {
    const fa = (a.frames ?? []).find((f) => f.neurons === fb.neurons);
    if (!fa) continue;
    console.log(
      `frames ${fb.neurons}: call ${fa.median.callMs.toFixed(2)} → ${fb.median.callMs.toFixed(2)} ms (×${(fa.median.callMs / fb.median.callMs).toFixed(2)}), ` +
        `pack+overhead ${(fa.median.packMs + fa.median.overheadMs).toFixed(2)} → ${(fb.median.packMs + fb.median.overheadMs).toFixed(2)} ms, ` +
        `RT ${fa.realtimeFactor.toFixed(2)} → ${fb.realtimeFactor.toFixed(2)}`,
    );
  }
  console.log('\nspeed-up = A µs/step ÷ B µs/step (medians); the spikes differ only where the code under test changed them (Hz).');
}

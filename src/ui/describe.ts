/**
 * The "describe" action (button and key D): the page's present state put into a few plain
 * sentences, for a screen reader and for anyone who wants the picture in words. Pure: a function
 * of the snapshot (liveSnapshot.ts).
 */
import type { LiveSnapshot } from './liveSnapshot';
import { mgBandName } from './mgLandmarks';

/** Below this population rate (Hz per cell) the cells "fire sparsely"; above BRISK_HZ, "fast". */
const SPARSE_HZ = 5;
const BRISK_HZ = 20;

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function network(s: LiveSnapshot): string {
  return s.preset === 'coba'
    ? `The COBA benchmark network of ${count(s.neurons, 'neuron')} (it has no NMDA synapses, so [Mg]o changes nothing)`
    : `The cortical sheet of ${count(s.neurons, 'neuron')}`;
}

function ionsSentence(s: LiveSnapshot): string {
  const bath = `bath [K⁺] ${s.kBathMM.toFixed(1)} millimolar, [Ca²⁺]o ${s.caOutMM.toFixed(1)} millimolar`;
  if (!s.ionsOn) return `Ion concentrations are held fixed (${bath}): only the magnesium block acts.`;
  const k = Number.isFinite(s.kOutMaxMM) ? `the highest extracellular potassium is ${s.kOutMaxMM.toFixed(1)} millimolar` : 'potassium is not measured yet';
  const events = s.inIctalEvent
    ? `an ictal event is under way${s.ictalOnsetMs === null ? '' : ` since ${(s.ictalOnsetMs / 1000).toFixed(1)} seconds`}`
    : s.ictalEvents === 0
      ? 'no ictal event so far'
      : `${count(s.ictalEvents, 'ictal event')} so far`;
  return `Ion concentrations move (${bath}): ${k}; ${events}.`;
}

export function describeSnapshot(s: LiveSnapshot): string {
  const mg = `[Mg]o is ${s.mgOutMM.toFixed(2)} millimolar (${mgBandName(s.mgOutMM)})`;
  if (s.phase === 'loading' || s.phase === 'building') return `${network(s)} is being built. ${mg}.`;
  if (s.phase === 'error') return `The simulation has stopped; the notice at the top says why and offers a restart. ${mg}.`;
  const clock = `${(s.timeMs / 1000).toFixed(1)} seconds of simulated time${s.paused ? ', paused' : ''}`;
  const pace = s.rateHz < SPARSE_HZ ? 'sparsely' : s.rateHz < BRISK_HZ ? 'briskly' : 'fast';
  const firing = `The cells fire ${pace}: ${s.rateHz.toFixed(1)} spikes per second per cell on average`;
  const bursts = s.inBurst
    ? `a population burst is under way now, ${count(s.bursts, 'burst')} so far`
    : s.bursts === 0
      ? 'no population bursts so far'
      : `${count(s.bursts, 'population burst')} so far`;
  const sentences = [`${network(s)} runs: ${clock}. ${mg}.`, `${firing}; ${bursts}.`];
  if (Number.isFinite(s.medianVMV) && Number.isFinite(s.medianBlock) && s.preset !== 'coba') {
    const pct = s.medianBlock * 100;
    sentences.push(
      `At the cells' median membrane potential, ${Math.round(s.medianVMV)} millivolts, ${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)} percent of NMDA channels are unplugged.`,
    );
  }
  if (s.preset !== 'coba' || s.ionsOn) sentences.push(ionsSentence(s));
  if (s.probes > 0) sentences.push(`Following ${count(s.probes, 'neuron')} in the probe view.`);
  if (s.sweep === 'running') sentences.push('A dose–response sweep is running.');
  return sentences.join(' ');
}

/**
 * The caption under the exported PNG, so a saved picture says what it shows: the network (preset,
 * size, excitatory share, seed), every live parameter of the scene — the ion concentrations first —
 * and the simulated time. Live parameters are read from the configuration itself, so one added
 * later (another ion) appears without a change here; a known one gets its proper name. Pure.
 */
import type { NetworkConfig } from '../core/params';

/** How a live parameter is printed; keys not listed print as `key = value`. */
const LIVE_TEXT: Record<string, (v: number) => string> = {
  mgOutMM: (v) => `[Mg²⁺]o ${v.toFixed(2)} mM`,
  kBathMM: (v) => `[K⁺] bath ${v.toFixed(1)} mM`,
  caOutMM: (v) => `[Ca²⁺]o ${v.toFixed(2)} mM`,
  ionsOn: (v) => (v ? 'ion dynamics on' : 'ions fixed'),
  driveRateHz: (v) => `drive ${v} Hz per input`,
  gAmpaScale: (v) => `AMPA ×${v}`,
  gNmdaScale: (v) => `NMDA ×${v}`,
  gGabaScale: (v) => `GABA ×${v}`,
  adaptScale: (v) => `adaptation ×${v}`,
};

/** The three ions of the story and whether they move lead the line, in this order; any other ion follows. */
const ION_ORDER = ['mgOutMM', 'kBathMM', 'caOutMM', 'ionsOn'];
const isIon = (key: string): boolean => /OutMM$|InMM$|BathMM$/.test(key);
const rank = (key: string): number => {
  const k = ION_ORDER.indexOf(key);
  return k >= 0 ? k : isIon(key) ? ION_ORDER.length : ION_ORDER.length + 1;
};

function liveText(live: Record<string, number>): string {
  // a stable sort: within a rank, the configuration's own order
  const keys = Object.keys(live).sort((a, b) => rank(a) - rank(b));
  return keys.map((key) => LIVE_TEXT[key]?.(live[key]) ?? `${key} = ${live[key]}`).join(' · ');
}

export interface CaptionInput {
  config: NetworkConfig;
  /** simulated time of the picture, ms */
  timeMs: number;
  /** the page's speed, × real time */
  speed: number;
}

/** Two or three lines: what the network is, the scene's live parameters, the moment and where it came from. */
export function pictureCaption({ config, timeMs, speed }: CaptionInput): string[] {
  const network =
    `${config.preset === 'coba' ? 'COBA benchmark network' : 'Cortical sheet'} (preset ${config.preset}): ` +
    `${config.neurons.toLocaleString('en')} neurons, ${Math.round(config.excitatoryFraction * 100)} % excitatory, seed ${config.seed}`;
  const moment = `t = ${(timeMs / 1000).toFixed(1)} s simulated · speed ${speed}× · dt ${config.dtMs} ms · Mg Gate`;
  return [network, liveText(config.live as unknown as Record<string, number>), moment];
}

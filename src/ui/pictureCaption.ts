/**
 * The caption under the exported PNG, so a saved picture says what it shows: the network (preset,
 * size, excitatory share, seed), every live parameter of the scene — the ion concentrations first —
 * and the simulated time. Live parameters are read from the configuration itself, so one added
 * later (another ion) appears without a change here; a known one gets its proper name. Pure.
 */
import type { NetworkConfig } from '../core/params';

/** How a live parameter is named and printed; keys not listed print as `key = value`. */
const LIVE_LABELS: Record<string, { name: string; format(v: number): string }> = {
  mgOutMM: { name: '[Mg²⁺]o', format: (v) => `${v.toFixed(2)} mM` },
  kOutMM: { name: '[K⁺]o', format: (v) => `${v.toFixed(1)} mM` },
  caOutMM: { name: '[Ca²⁺]o', format: (v) => `${v.toFixed(2)} mM` },
  driveRateHz: { name: 'drive', format: (v) => `${v} Hz per input` },
  gAmpaScale: { name: 'AMPA', format: (v) => `×${v}` },
  gNmdaScale: { name: 'NMDA', format: (v) => `×${v}` },
  gGabaScale: { name: 'GABA', format: (v) => `×${v}` },
  adaptScale: { name: 'adaptation', format: (v) => `×${v}` },
};

/** Ion concentrations lead the line: they are what a picture of this lab is about. */
const isIon = (key: string): boolean => /OutMM$|InMM$/.test(key);

function liveText(live: Record<string, number>): string {
  const keys = Object.keys(live).sort((a, b) => Number(isIon(b)) - Number(isIon(a)));
  return keys
    .map((key) => {
      const label = LIVE_LABELS[key];
      const value = live[key];
      return label ? `${label.name} ${label.format(value)}` : `${key} = ${value}`;
    })
    .join(' · ');
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

/**
 * What the page starts before its own code has loaded (main.ts): the simulation client with its
 * worker, and the first network's build — on a first load that names no size, after a warm-up that
 * sizes it to the device (src/ui/fitDevice.ts). The worker loads, measures and builds while the
 * page's bundle (PixiJS, the panels) still loads and the renderer starts, instead of after them; the
 * page's own first create() of the same network takes the build over (SimClient.prebuild).
 * docs/ARCHITECTURE.md §Start-up.
 */
import { FIT_BUDGET_MS, FIT_SAMPLE_NEURONS } from '../core/fitDevice';
import type { FitChoice } from '../core/fitDevice';
import { networkConfigOf } from '../ui/networkSession';
import { parseUrlState } from '../ui/urlState';
import { SimClient } from './simClient';

/**
 * Worker time one frame's chunk may take, ms. It only binds when the machine cannot keep real time:
 * then a larger chunk keeps the worker busier between animation frames (measured here: about twice
 * the simulated time per second of 30 ms, at the same fps). A slider's change rides on the next
 * chunk's request (SimClient.setLiveWithNextChunk), so it waits for at most the chunk in flight.
 */
export const PAGE_MAX_STEP_MS_PER_PULL = 50;

export interface PageStart {
  client: SimClient;
  /** the size chosen for this device (null: the address named a size, or the warm-up failed) */
  fit: Promise<FitChoice | null>;
}

/**
 * True when the address leaves the size to the page: the sheet (no preset, or preset=sheet) and no
 * `n` at all — a malformed `n` is still the user's, named by the page's notice.
 */
export function wantsFit(search: string): boolean {
  const params = new URLSearchParams(search);
  const preset = params.get('preset');
  return !params.has('n') && (preset === null || preset === 'sheet');
}

/** Makes the page's client and starts its worker on the network the address asks for, sized to the device when it names no size. */
export function startPageClient(search: string): PageStart {
  const client = new SimClient({ maxStepMsPerPull: PAGE_MAX_STEP_MS_PER_PULL });
  const { state } = parseUrlState(search);
  const fitRequest = wantsFit(search) ? { sampleNeurons: FIT_SAMPLE_NEURONS, budgetMs: FIT_BUDGET_MS } : undefined;
  const built = client.prebuild(networkConfigOf(state), fitRequest);
  return { client, fit: built.then((created) => created.fit, () => null) };
}

/**
 * The analysis view of a core Network: sizes, dt, and — for a sheet, where sites are places in
 * space — the grid with its spacing. A random network's display grid has no meaning in space, so it
 * gets no layout (no onset site, no speed).
 */
import type { Network } from '../core/network';
import type { LiveParams } from '../core/params';
import type { AnalysisNetwork } from './types';

export function analysisNetworkOf(network: Pick<Network, 'neurons' | 'excitatory' | 'config' | 'layout'>): AnalysisNetwork {
  const { config, layout } = network;
  const base: AnalysisNetwork = { neurons: network.neurons, excitatory: network.excitatory, dtMs: config.dtMs };
  if (config.topology.kind !== 'sheet') return base;
  return {
    ...base,
    layout: { width: layout.width, height: layout.height, siteOfNeuron: layout.siteOfNeuron, siteSpacingUm: config.topology.siteSpacingUm },
  };
}

/**
 * The [K⁺]o sample for OnlineAnalyser.addChunk: the highest of any patch now, mM; undefined with
 * ions off (the field then sits at the bath, and the analysis reports no [K⁺]o).
 */
export function kOutSampleOf(network: Pick<Network, 'ions'>, live: Pick<LiveParams, 'ionsOn'>): number | undefined {
  return live.ionsOn === 1 ? network.ions.kOutMaxMM() : undefined;
}

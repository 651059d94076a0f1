/**
 * The parameter file: the whole network configuration, with the live parameters as they are now,
 * as JSON that loads again. Reading checks the format and then the configuration with the core's
 * own validation (validateConfig), so a bad field is named with its allowed range.
 */
import { ParameterError, validateConfig } from '../core/params';
import type { NetworkConfig } from '../core/params';
import type { PresetName } from '../core/presets';

export const PARAMS_FORMAT = 'mg-gate/parameters';
export const PARAMS_VERSION = 1;

export interface ParamsFile {
  format: typeof PARAMS_FORMAT;
  version: number;
  savedAt: string;
  /** the network as built, with `live` the live parameters at the time of saving */
  config: NetworkConfig;
  /** page settings that are not part of the network */
  page: { speed: number };
}

export function paramsFileOf(config: NetworkConfig, speed: number, now = new Date()): ParamsFile {
  return { format: PARAMS_FORMAT, version: PARAMS_VERSION, savedAt: now.toISOString(), config: structuredClone(config), page: { speed } };
}

export function formatParamsFile(file: ParamsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses and validates a parameter file; throws an Error (a ParameterError for a bad field). */
export function parseParamsFile(text: string): ParamsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`Not a parameter file: the JSON does not parse (${error instanceof Error ? error.message : String(error)})`);
  }
  if (data === null || typeof data !== 'object') throw new Error('Not a parameter file: expected a JSON object');
  const file = data as Partial<ParamsFile>;
  if (file.format !== PARAMS_FORMAT) throw new Error(`Not a parameter file: "format" should be "${PARAMS_FORMAT}"`);
  if (file.version !== PARAMS_VERSION) throw new ParameterError('version', file.version, `${PARAMS_VERSION}`);
  validateConfig(file.config as NetworkConfig);
  const speed = file.page?.speed ?? 1;
  if (typeof speed !== 'number' || !Number.isFinite(speed)) throw new ParameterError('page.speed', speed, 'a number');
  return { format: PARAMS_FORMAT, version: PARAMS_VERSION, savedAt: String(file.savedAt ?? ''), config: file.config as NetworkConfig, page: { speed } };
}

/** The page preset a configuration belongs with (for the URL and the preset menu). */
export function presetOfConfig(config: NetworkConfig): PresetName {
  return config.topology.kind === 'sheet' ? 'sheet' : 'coba';
}

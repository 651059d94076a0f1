// Placeholder until the shared sweep lands; replaced in the sweep commit.
import type { NetworkConfig } from '../core/params';
import type { RunnerArgs } from './args';
export async function runSweepCli(_config: NetworkConfig, _args: RunnerArgs): Promise<number> {
  console.error('--experiment sweep is not available yet');
  return 2;
}

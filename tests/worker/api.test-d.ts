/**
 * Type-level tests (vitest typecheck, run by tsc): the worker exposes exactly the protocol's
 * contract, Comlink turns each call into what SimClient awaits, and SimClient has the public API
 * the page codes against.
 */
import type * as Comlink from 'comlink';
import { describe, expectTypeOf, test } from 'vitest';
import type { SimClient, SimClientOptions } from '../../src/client/simClient';
import type {
  FitRequest,
  SpeedSample,
  AdvanceRequest,
  CreateResult,
  Frame,
  LiveParams,
  NetworkConfig,
  SimStatus,
  SimWorkerContract,
  SweepProgress,
  SweepProgressListener,
  SweepRequest,
  SweepResult,
  TransferReport,
} from '../../src/protocol/types';
import type { SimWorkerApi } from '../../workers/sim.worker';

type Remote = Comlink.Remote<SimWorkerApi>;
/** A Comlink remote method is an intersection (callable and proxy object); this keeps its call signature. */
type Call<F> = F extends (...args: infer A) => infer R ? (...args: A) => R : never;

describe('worker API', () => {
  test('implements the protocol contract, no more and no less', () => {
    expectTypeOf<SimWorkerApi>().toExtend<SimWorkerContract>();
    expectTypeOf<keyof SimWorkerApi>().toEqualTypeOf<keyof SimWorkerContract>();
  });

  test('each call, as the page sees it through Comlink', () => {
    expectTypeOf<Call<Remote['create']>>().toEqualTypeOf<(config: NetworkConfig, fit?: FitRequest) => Promise<CreateResult>>();
    expectTypeOf<Call<Remote['measureSpeed']>>().toEqualTypeOf<(config: NetworkConfig, budgetMs: number) => Promise<SpeedSample>>();
    expectTypeOf<Call<Remote['advance']>>().toEqualTypeOf<(request: AdvanceRequest) => Promise<Frame>>();
    expectTypeOf<Call<Remote['setLive']>>().toEqualTypeOf<(update: Partial<LiveParams>) => Promise<LiveParams>>();
    expectTypeOf<Call<Remote['reset']>>().toEqualTypeOf<(seed?: number) => Promise<CreateResult>>();
    expectTypeOf<Call<Remote['setProbes']>>().toEqualTypeOf<(ids: number[]) => Promise<number[]>>();
    expectTypeOf<Call<Remote['resetStatistics']>>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<Call<Remote['cancelSweep']>>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<Call<Remote['inspectLastTransfer']>>().toEqualTypeOf<() => Promise<TransferReport>>();
    expectTypeOf<Remote['runSweep']>().returns.toEqualTypeOf<Promise<SweepResult>>();
    expectTypeOf<Remote['runSweep']>().parameter(0).toEqualTypeOf<SweepRequest>();
    // the progress callback crosses as a Comlink proxy
    expectTypeOf<ReturnType<typeof Comlink.proxy<SweepProgressListener>>>().toExtend<Parameters<Remote['runSweep']>[1]>();
  });

  test('frames carry transferable typed arrays', () => {
    expectTypeOf<Frame['spikeIds']>().toEqualTypeOf<Uint32Array<ArrayBuffer>>();
    expectTypeOf<Frame['spikeSteps']>().toEqualTypeOf<Uint32Array<ArrayBuffer>>();
    expectTypeOf<Frame['vMV']>().toEqualTypeOf<Float32Array<ArrayBuffer>>();
    expectTypeOf<Frame['rateEHz']>().toEqualTypeOf<Float32Array<ArrayBuffer>>();
    expectTypeOf<CreateResult['siteOfNeuron']>().toEqualTypeOf<Uint32Array<ArrayBuffer>>();
  });
});

describe('SimClient', () => {
  test('the public API the page codes against', () => {
    expectTypeOf<typeof SimClient>().constructorParameters.toEqualTypeOf<[options?: SimClientOptions]>();
    expectTypeOf<SimClientOptions>().toExtend<{ createWorker?: () => Worker; maxStepMsPerPull?: number }>();
    expectTypeOf<SimClient['create']>().toEqualTypeOf<(config: NetworkConfig) => Promise<CreateResult>>();
    expectTypeOf<SimClient['pull']>().toEqualTypeOf<() => Promise<Frame | null>>();
    expectTypeOf<SimClient['setSpeed']>().toEqualTypeOf<(multiplier: number) => void>();
    expectTypeOf<SimClient['speed']>().toEqualTypeOf<number>();
    expectTypeOf<SimClient['setPaused']>().toEqualTypeOf<(paused: boolean) => void>();
    expectTypeOf<SimClient['paused']>().toEqualTypeOf<boolean>();
    expectTypeOf<SimClient['setLive']>().toEqualTypeOf<(update: Partial<LiveParams>) => Promise<LiveParams>>();
    expectTypeOf<SimClient['setLiveWithNextChunk']>().toEqualTypeOf<(update: Partial<LiveParams>) => Promise<LiveParams>>();
    expectTypeOf<SimClient['prebuild']>().toEqualTypeOf<(config: NetworkConfig, fit?: FitRequest) => Promise<CreateResult>>();
    expectTypeOf<SimClient['reset']>().toEqualTypeOf<(seed?: number) => Promise<CreateResult>>();
    expectTypeOf<SimClient['setProbes']>().toEqualTypeOf<(ids: number[]) => Promise<void>>();
    expectTypeOf<SimClient['runSweep']>().toEqualTypeOf<
      (request: SweepRequest, onProgress: (p: SweepProgress) => void) => Promise<SweepResult>
    >();
    expectTypeOf<SimClient['cancelSweep']>().toEqualTypeOf<() => void>();
    expectTypeOf<SimClient['onStatus']>().toEqualTypeOf<(listener: (s: SimStatus) => void) => () => void>();
    expectTypeOf<SimClient['restart']>().toEqualTypeOf<() => Promise<CreateResult>>();
    expectTypeOf<SimClient['terminate']>().toEqualTypeOf<() => void>();
    expectTypeOf<SimClient['realtimeFactor']>().toEqualTypeOf<number>();
    expectTypeOf<SimStatus['kind']>().toEqualTypeOf<'dead' | 'restarted' | 'error'>();
  });
});

/** The analysis module: DOM-free, shared by the runner, the worker and the page. */
export type { AnalysisNetwork, AnalysisOptions, AnalysisSummary, BurstEvent, IctalFigures, KOutTrace, RateTrace } from './types';
export type { IctalEvent, IctalSummary } from './ictal';
export { IctalDetector, analyseIctal } from './ictal';
export * from './constants';
export { OnlineAnalyser, DEFAULT_ANALYSIS_OPTIONS } from './onlineAnalyser';
export { analyseRun } from './analyseRun';
export { analysisNetworkOf, kOutSampleOf } from './fromNetwork';
export { BurstDetector } from './burstDetector';
export type { BurstDetectorSettings } from './burstDetector';
export { RunningMedian } from './runningMedian';
export { WaveFitter } from './waveFit';
export type { WaveFit, WaveFitSettings, WaveGrid } from './waveFit';

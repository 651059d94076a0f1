/** The DOM-free simulation core: the same code runs in the worker, in Node and in tests. */
export * from './constants';
export * from './mgBlock';
export * from './rng';
export * from './params';
export * from './presets';
export * from './connectivity';
export * from './network';
export * from './monitors';
export * from './simulation';
export type { IonField } from './ions/ionField';
export type { IonParams } from './ions/ionParams';

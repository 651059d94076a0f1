/**
 * The two host globals the core uses, present in browsers, workers and Node ≥ 17 alike. Declared
 * here so the core compiles without the DOM or Node type libraries.
 */
declare function structuredClone<T>(value: T): T;
declare const performance: { now(): number };

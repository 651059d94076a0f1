// The exports' Python scripts are imported as strings (Vite's `?raw`); declared here so the worker's
// tsconfig, which has no vite/client types, compiles the exports too.
declare module '*.py?raw' {
  const source: string;
  export default source;
}

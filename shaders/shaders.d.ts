// Shader sources are imported as strings (Vite's `?raw`), as PixiJS types its own .vert/.frag files.
declare module '*.vert?raw' {
  const source: string;
  export default source;
}
declare module '*.frag?raw' {
  const source: string;
  export default source;
}

// Launch settings for Debian's Chromium, shared by the browser-mode and end-to-end tests. Headless
// Chromium has no GPU here: WebGL2 comes from SwiftShader (the two swiftshader flags), and the page
// must never reach the network (no background networking, updates, sync or QUIC).
export const CHROMIUM_PATH = process.env.MG_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

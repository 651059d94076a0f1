// Launch settings for Debian's Chromium, shared by the browser-mode and end-to-end tests
// (flags from shared/TOOLCHAIN.md: WebGL2 through SwiftShader, no background networking).
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

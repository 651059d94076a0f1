// Manual check (not part of npm test): does h5wasm's ESM build write an HDF5 file in Chromium under
// the site's Content-Security-Policy, on the page and in a module worker, with no 'unsafe-eval'?
// Serves node_modules/h5wasm/dist/esm and a test page from a local port with the header
//   Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'
// and reports bytes written, CSP violations and errors. Run: node tests/export/h5wasm-csp.mjs
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

// MG_CSP overrides the policy (e.g. without 'wasm-unsafe-eval', to see the check fail)
const CSP = process.env.MG_CSP ?? "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const root = resolve('node_modules/h5wasm/dist/esm');
const probe = `
import h5wasm from './h5wasm/hdf5_hl.js';
export async function writeOne() {
  const { FS } = await h5wasm.ready;
  const f = new h5wasm.File('/probe.h5', 'w');
  f.create_dataset({ name: 'spike_times', data: new Float64Array([0.001, 0.002]) });
  f.create_attribute('neurodata_type', 'NWBFile');
  f.close();
  const bytes = FS.readFile('/probe.h5');
  FS.unlink('/probe.h5');
  // an HDF5 file starts with the signature \\x89HDF\\r\\n\\x1a\\n
  return { bytes: bytes.length, signature: Array.from(bytes.subarray(0, 4)) };
}`;
const worker = `import { writeOne } from './probe.js';
writeOne().then((r) => postMessage({ ok: true, ...r }), (e) => postMessage({ ok: false, error: String(e) }));`;
const page = `<!doctype html><script type="module" src="./main.js"></script>`;
const main = `import { writeOne } from './probe.js';
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
const onPage = await writeOne().then((r) => ({ ok: true, ...r }), (e) => ({ ok: false, error: String(e) }));
const inWorker = await new Promise((done) => {
  const w = new Worker('./worker.js', { type: 'module' });
  w.onmessage = (m) => done(m.data);
  w.onerror = (e) => done({ ok: false, error: e.message });
});
window.result = { onPage, inWorker, violations };`;
const files = { '/': page, '/main.js': main, '/probe.js': probe, '/worker.js': worker };

const server = createServer(async (req, res) => {
  const url = req.url ?? '/';
  const headers = { 'Content-Security-Policy': CSP };
  try {
    if (url in files) {
      res.writeHead(200, { ...headers, 'Content-Type': url === '/' ? 'text/html' : 'text/javascript' });
      res.end(files[url]);
    } else if (url.startsWith('/h5wasm/')) {
      const body = await readFile(join(root, url.slice('/h5wasm/'.length)));
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' });
      res.end(body);
    } else {
      res.writeHead(404, headers).end();
    }
  } catch {
    res.writeHead(404, headers).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const browser = await chromium.launch({ executablePath: process.env.MG_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const tab = await browser.newPage();
  const consoleLines = [];
  tab.on('console', (m) => consoleLines.push(m.text()));
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.waitForFunction(() => window.result, null, { timeout: 60_000 });
  const result = await tab.evaluate(() => window.result);
  console.log(JSON.stringify({ csp: CSP, chromium: browser.version(), ...result, console: consoleLines.slice(0, 5) }, null, 1));
  process.exitCode = result.onPage.ok && result.inWorker.ok && result.violations.length === 0 ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}

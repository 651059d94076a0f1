// The test suites never skip silently: this makes sure what they drive is present before vitest
// runs — Debian's Chromium (browser and e2e suites), python3-brian (the Brian2 export) and
// python3-h5py (NWB and SONATA files read back) — installing the missing packages when it can
// (root with apt), and otherwise failing with the one command that installs them.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.MG_CHROMIUM ?? '/usr/bin/chromium';
const PYTHON = '/usr/bin/python3';

function pythonHas(module) {
  try {
    execSync(`${PYTHON} -c "import ${module}"`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const needs = [
  { pkg: 'chromium', present: () => existsSync(CHROMIUM) },
  { pkg: 'python3-brian', present: () => pythonHas('brian2') },
  { pkg: 'python3-h5py', present: () => pythonHas('h5py') },
];

let missing = needs.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const install = (pkgs) => `apt-get update && apt-get install -y ${pkgs.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let hasApt = false;
try {
  execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
  hasApt = true;
} catch {}

if (isRoot && hasApt) {
  console.log(`Missing for the tests: ${missing.join(', ')}; installing Debian's packages: ${install(missing)}`);
  execSync(install(missing), { stdio: 'inherit', shell: '/bin/sh', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  missing = needs.filter((n) => !n.present()).map((n) => n.pkg);
  if (missing.length === 0) process.exit(0);
}
console.error(`Missing for the tests: ${missing.join(', ')}. Install with:\n  sudo sh -c '${install(missing)}'`);
process.exit(1);

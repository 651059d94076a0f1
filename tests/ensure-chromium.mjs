// Browser tests never skip silently: this makes sure Debian's Chromium is present before vitest
// runs, installing it when it can (root with apt), and otherwise failing with the one command.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.MG_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let hasApt = false;
try {
  execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
  hasApt = true;
} catch {}

if (isRoot && hasApt) {
  console.log(`Chromium is missing at ${CHROMIUM}; installing Debian's package: ${INSTALL}`);
  execSync(INSTALL, { stdio: 'inherit', shell: '/bin/sh', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (existsSync(CHROMIUM)) process.exit(0);
}
console.error(`Chromium not found at ${CHROMIUM}. Install it with:\n  sudo sh -c '${INSTALL}'`);
process.exit(1);

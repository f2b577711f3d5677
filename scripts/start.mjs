// `npm start`: everything a fresh clone needs, then the site. Plain JavaScript, because it runs
// before dependencies (and so TypeScript tooling) are installed. Steps already done are skipped.
// `npm start -- --no-demo` (or NODE_ENV=production, or SEED_DEMO=0) starts an empty database without the
// demo newsroom; the options go to the seed step (scripts/lib/seed-cli.ts), which refuses unknown ones.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runServer } from './lib/run-server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit', env });

function newestChange(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'data') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const lockfile = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lockfile).mtimeMs) {
  console.log('Installing dependencies (npm ci) ...');
  // --include=dev: building and serving need TypeScript tooling, also under NODE_ENV=production.
  run(npm, ['ci', '--include=dev', '--no-audit', '--no-fund']);
}

run(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts']);
try {
  run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', ...process.argv.slice(2)]);
} catch {
  // The seed step has said what was wrong (an unknown option, a bad SEED_DEMO).
  process.exit(1);
}

const distDir = path.join(root, env.NEXT_DIST_DIR || '.next');
const buildId = path.join(distDir, 'BUILD_ID');
if (!fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestChange(root)) {
  console.log('Building the site ...');
  run(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build']);
}

const port = env.PORT || '3000';
console.log(`\nStarting CRBC News on http://127.0.0.1:${port}/ (Ctrl-C to stop)\n`);
runServer(root, env);

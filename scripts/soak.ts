import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '@/db/users';
import { hashPassword } from '@/lib/auth/passwords';
import { parseOptionsOrExit, wholeNumberOrExit } from './lib/cli-options';
import { assertPortFree, onCleanUp, runScript } from './lib/run-cleanup';
import { prepareFreshSite, startSite, type SiteOptions } from '@/test/support/site-server';
import { formatSoakReport, runSoak, soakProblems } from '@/test/support/soak';

/**
 * `npm run soak [-- --seconds 60 --port 3303]`: builds the site on a fresh demo database, then runs 100
 * readers and one publishing editor against it at the same time (test/support/soak.ts), on loopback only.
 * Exits 1 on any 5xx or lost save.
 */

const USAGE = 'Usage: npm run soak -- [--seconds 1..600 (default 60)] [--port 1024..65535 (default 3303)]';
const CONNECTIONS = 100;

const values = parseOptionsOrExit({ seconds: { type: 'string', default: '60' }, port: { type: 'string', default: '3303' } }, USAGE);
const seconds = wholeNumberOrExit('seconds', values.seconds, { min: 1, max: 600 }, USAGE);
const port = wholeNumberOrExit('port', values.port, { min: 1024, max: 65_535 }, USAGE);

// A fresh account per run, with a password that lives only in this process.
const editor = { email: 'soak.editor@example.test', password: randomBytes(18).toString('base64url') };

async function main(): Promise<number> {
  console.log(`Machine: ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-soak-'));
  onCleanUp(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const site: SiteOptions = { dataDir, distDir: '.next-soak', port };
  await assertPortFree(port);

  console.log(`Seeding a fresh database in ${dataDir} and building into ${site.distDir} ...`);
  await prepareFreshSite(site, async (db) => {
    createUser({ email: editor.email, name: 'Soak Editor', role: 'editor', passwordHash: await hashPassword(editor.password) }, db);
  });
  const running = await startSite(site);
  onCleanUp(() => running.stop());

  const report = await runSoak({
    baseUrl: running.url,
    databaseFile: path.join(dataDir, 'news.db'),
    seconds,
    connections: CONNECTIONS,
    editor,
    sectionSlug: 'politics',
    label: `Soak ${new Date().toISOString()}`,
    log: (line) => console.log(line),
  });
  console.log(`\n${formatSoakReport(report)}`);
  console.log(`Load average after the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const problems = soakProblems(report);
  for (const problem of problems) console.log(`FAILED: ${problem}`);
  if (problems.length === 0) console.log('PASSED: zero 5xx, zero lost saves.');
  return problems.length > 0 ? 1 : 0;
}

await runScript('Soak', main);

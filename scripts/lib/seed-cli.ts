import { parseArgs } from 'node:util';
import type { Db } from '@/db/client';
import { isDatabaseEmpty, seedDemoSite } from '@/ops/seed';
import { seedDemoUsers } from '@/ops/seed-users';
import { countUsers } from '@/db/users';
import type { SeedContent } from '@/ops/seed-content';

/**
 * The seed step of `npm start` (and `npm run db:seed`): on an empty database, the demo newsroom (49
 * articles and one account per role, whose passwords are printed once) — unless this is a production
 * start, where the site starts empty and the operator creates the first admin from the command line.
 */

export const seedUsage = [
  'Usage: npm start -- [--demo | --no-demo]   (or npm run db:seed -- [--demo | --no-demo])',
  '  The demo newsroom (49 articles, demo accounts whose passwords are printed) is seeded into an empty database',
  '  unless NODE_ENV=production, SEED_DEMO=0 or --no-demo; --demo or SEED_DEMO=1 seeds it even in production.',
].join('\n');

export const FIRST_ADMIN_COMMAND = 'npm run user:create -- --email you@example.com --role admin --name "Your Name"';

/** What the choice reads from the environment. */
export type SeedEnv = { readonly NODE_ENV?: string; readonly SEED_DEMO?: string };

export type DemoChoice = { ok: true; demo: boolean; reason: string } | { ok: false; error: string };

/** Whether to seed the demo newsroom into an empty database: the flag, then SEED_DEMO, then NODE_ENV decide. */
export function demoChoice(argv: readonly string[], env: SeedEnv): DemoChoice {
  let flags: { demo?: boolean; 'no-demo'?: boolean };
  try {
    flags = parseArgs({ args: [...argv], options: { demo: { type: 'boolean' }, 'no-demo': { type: 'boolean' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (flags.demo && flags['no-demo']) return { ok: false, error: 'Give either --demo or --no-demo, not both.' };
  if (flags.demo) return { ok: true, demo: true, reason: '--demo' };
  if (flags['no-demo']) return { ok: true, demo: false, reason: '--no-demo' };
  const seedDemo = env.SEED_DEMO?.trim();
  if (seedDemo === '1' || seedDemo === '0') return { ok: true, demo: seedDemo === '1', reason: `SEED_DEMO=${seedDemo}` };
  if (seedDemo) return { ok: false, error: `SEED_DEMO must be 1 or 0 (it is "${seedDemo}").` };
  if (env.NODE_ENV === 'production') return { ok: true, demo: false, reason: 'NODE_ENV=production' };
  return { ok: true, demo: true, reason: 'the default outside production' };
}

export interface SeedIo {
  openDb: () => Db;
  out: (line: string) => void;
  err: (line: string) => void;
  loadContent: () => SeedContent;
  mediaDir: string;
  now: number;
}

export async function seedCommand(argv: readonly string[], env: SeedEnv, io: SeedIo): Promise<number> {
  const choice = demoChoice(argv, env);
  if (!choice.ok) {
    io.err(`${choice.error}\n${seedUsage}`);
    return 1;
  }
  const db = io.openDb();
  if (!isDatabaseEmpty(db)) {
    io.out('The database already has content: not seeding.');
  } else if (choice.demo) {
    const content = io.loadContent();
    const count = await seedDemoSite(db, content, io.mediaDir, io.now);
    io.out(`Seeded the demo newsroom: ${count} articles in ${content.sections.length} sections.`);
    const accounts = await seedDemoUsers(db);
    io.out('\nNewsroom accounts (sign in at /admin/login). The passwords are shown only this once:');
    for (const { email, role, password } of accounts) io.out(`  ${role.padEnd(7)} ${email.padEnd(22)} ${password}`);
    io.out('Forgot one? npm run user:reset-password -- --email EMAIL\n');
  } else {
    io.out(`No demo content (${choice.reason}): the site starts empty. (--demo or SEED_DEMO=1 would seed the demo newsroom.)`);
  }
  if (countUsers(db) === 0) {
    io.out(`\nThe newsroom has no accounts yet. Create the first admin (a password is generated and printed once, or pass --password-stdin):\n  ${FIRST_ADMIN_COMMAND}\n`);
  }
  return 0;
}

import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { createTestDatabase } from '@/test/support/database';
import { createUser, listUsers } from '@/db/users';
import { readSeedContent, type SeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { demoChoice, seedCommand, type SeedEnv } from './seed-cli';

describe('demoChoice', () => {
  it('seeds the demo by default, as on a fresh clone', () => {
    expect(demoChoice([], {})).toMatchObject({ ok: true, demo: true });
    expect(demoChoice([], { NODE_ENV: 'development' })).toMatchObject({ ok: true, demo: true });
  });

  it('does not seed it in production, nor when told not to', () => {
    expect(demoChoice([], { NODE_ENV: 'production' })).toEqual({ ok: true, demo: false, reason: 'NODE_ENV=production' });
    expect(demoChoice(['--no-demo'], {})).toEqual({ ok: true, demo: false, reason: '--no-demo' });
    expect(demoChoice([], { SEED_DEMO: '0' })).toEqual({ ok: true, demo: false, reason: 'SEED_DEMO=0' });
  });

  it('seeds it when asked, even in production; the flag wins over the environment', () => {
    expect(demoChoice(['--demo'], { NODE_ENV: 'production' })).toEqual({ ok: true, demo: true, reason: '--demo' });
    expect(demoChoice([], { NODE_ENV: 'production', SEED_DEMO: '1' })).toEqual({ ok: true, demo: true, reason: 'SEED_DEMO=1' });
    expect(demoChoice(['--no-demo'], { SEED_DEMO: '1' })).toMatchObject({ demo: false });
  });

  it.each([
    [['--demo', '--no-demo'], {}, /either --demo or --no-demo/],
    [['--dmeo'], {}, /Unknown option '--dmeo'/],
    [[], { SEED_DEMO: 'yes please' }, /SEED_DEMO must be 1 or 0/],
  ])('refuses %j %j', (argv, env, message) => {
    const choice = demoChoice(argv, env);
    expect(choice.ok).toBe(false);
    if (!choice.ok) expect(choice.error).toMatch(message);
  });
});

// The demo's smallest part that still has every kind of row: one section, its articles that need no
// illustration and pick no related articles (drawing 26 illustrations takes seconds).
const fullContent = readSeedContent(DEMO_CONTENT_DIR);
const firstSection = fullContent.sections[0]!;
const content: SeedContent = {
  authors: fullContent.authors,
  sections: [{ ...firstSection, articles: firstSection.articles.filter((a) => !a.hero && a.related.length === 0).slice(0, 2) }],
};

// Each scrypt hash at N=2^17 is ~0.6 s of one core by design, and several run per test: on 2 shared
// cores with other work running, that alone can pass the default 5 s.
describe('seedCommand', { timeout: 20_000 }, () => {
  // A bare database (withTestDatabase() adds sections, and the demo brings its own).
  let db: Db;
  let cleanup = () => {};
  afterEach(() => cleanup());
  let out: string[];
  const run = (argv: string[], env: SeedEnv) =>
    seedCommand(argv, env, {
      openDb: () => db,
      out: (line) => out.push(line),
      err: (line) => out.push(`ERR ${line}`),
      loadContent: () => content,
      mediaDir: path.join(path.dirname(db.$client.name), 'media'),
      now: Date.UTC(2026, 11, 5, 12),
    });
  const articleCount = () => db.$client.prepare('select count(*) from articles').pluck().get();
  beforeEach(() => {
    ({ db, cleanup } = createTestDatabase());
    out = [];
  });

  it('on a fresh clone, seeds the demo and prints the demo accounts once', async () => {
    expect(content.sections[0]?.articles.length).toBeGreaterThan(0);
    expect(await run([], {})).toBe(0);
    expect(articleCount()).toBe(content.sections[0]?.articles.length);
    expect(listUsers(db).map((u) => u.email)).toEqual(['admin@example.com', 'editor@example.com', 'writer@example.com']);
    expect(out.join('\n')).toMatch(/admin +admin@example\.com +[A-Za-z0-9_-]{20}/);
  });

  it('in production, leaves the database empty, prints no password, and says how to create the first admin', async () => {
    expect(await run([], { NODE_ENV: 'production' })).toBe(0);
    expect(articleCount()).toBe(0);
    expect(listUsers(db)).toEqual([]);
    const printed = out.join('\n');
    expect(printed).toContain('No demo content (NODE_ENV=production)');
    expect(printed).toContain('npm run user:create -- --email you@example.com --role admin --name "Your Name"');
    expect(printed).not.toMatch(/example\.com +[A-Za-z0-9_-]{20}/);
  });

  it('once an account exists, stops telling how to create the first admin', async () => {
    createUser({ email: 'ana@example.org', name: 'Ana', role: 'admin', passwordHash: 'h' }, db);
    expect(await run(['--no-demo'], {})).toBe(0);
    expect(out.join('\n')).not.toContain('user:create');
  });

  it('refuses a mistyped option with the usage, and does nothing', async () => {
    expect(await run(['--no-dmeo'], {})).toBe(1);
    expect(out.join('\n')).toMatch(/ERR .*Unknown option '--no-dmeo'[\s\S]*Usage: npm start -- \[--demo \| --no-demo\]/);
    expect(articleCount()).toBe(0);
  });
});

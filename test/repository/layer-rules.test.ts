import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers in eslint.config.mjs hold: each folder's rule refuses a deliberate violation, in the alias
 * form (`@/app/…`) and the relative one (`../app/…`), and lets an allowed import through. A file in a
 * folder that also has the browser rule (a *.client file in components/) gets both rules, not only the
 * last one written.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

/** Lints one import in a file at `filePath`; the imported name is used so only the import rule can speak. */
function lintImport(filePath: string, source: string, { typeOnly = false } = {}): Promise<string[]> {
  const code = typeOnly
    ? `import type { Thing } from '${source}';\nexport type Used = Thing;\n`
    : `import { thing } from '${source}';\nexport const used = thing;\n`;
  return restrictedImports(filePath, code);
}

type Case = [file: string, source: string, options?: { typeOnly?: boolean }];

function refuses(cases: Case[]) {
  it.each(cases)('%s may not import %s %j', async (file, source, options) => {
    const messages = await lintImport(file, source, options);
    expect(messages).toHaveLength(1);
    // Every message says where the code goes instead, not only that it may not be here.
    expect(messages[0]).toMatch(/ (in|into|from|through) /);
  });
}

function allows(cases: Case[]) {
  it.each(cases)('%s may import %s %j', async (file, source, options) => {
    expect(await lintImport(file, source, options)).toEqual([]);
  });
}

describe('components/: props in, markup out', { timeout: 60_000 }, () => {
  refuses([
    ['components/admin/Example.tsx', '@/app/admin/articles/actions'],
    ['components/admin/Example.tsx', '../../app/admin/articles/actions'],
    ['components/admin/Example.tsx', '@/app/admin/articles/actions', { typeOnly: true }],
    ['components/site/Example.tsx', '@/server/http-caching'],
    ['components/site/Example.tsx', '../../server/http-caching'],
    ['components/site/Example.tsx', '@/db/search-query'],
    ['components/site/Example.tsx', '../../db/search-query'],
  ]);
  allows([
    ['components/site/Example.tsx', '@/db/types', { typeOnly: true }],
    ['components/site/Example.tsx', '../../db/types', { typeOnly: true }],
    ['components/site/Example.tsx', '@/lib/paths'],
    ['components/site/Example.tsx', './Byline'],
  ]);

  it('a client file in components/ gets both the components rule and the browser rule', async () => {
    const code = [
      "import { saveArticle } from '@/app/admin/articles/actions';",
      "import { renderMarkdown } from '@/lib/markdown';",
      "import { getDb } from '@/db/client';",
      'export const used = [saveArticle, renderMarkdown, getDb];',
      '',
    ].join('\n');
    // One message each: the database is refused once, though both rules name it.
    expect(await restrictedImports('components/admin/Example.client.tsx', code)).toHaveLength(3);
  });
});

describe('lib/: below the pages, the front door and the tools', { timeout: 60_000 }, () => {
  refuses([
    ['lib/reader/example.ts', '@/components/site/NotFound'],
    ['lib/reader/example.ts', '../../components/site/NotFound'],
    ['lib/reader/example.ts', '@/app/admin/articles/actions'],
    ['lib/reader/example.ts', '@/server/reader-routing', { typeOnly: true }],
    ['lib/example.ts', '../server/reader-routing'],
    ['lib/reader/example.ts', '@/ops/seed-content'],
    ['lib/reader/example.ts', '@/scripts/lib/timing'],
    ['lib/reader/example.ts', '../../e2e/helpers'],
    ['lib/reader/example.ts', '@/test/support/database'],
    ['lib/reader/example.test.ts', '@/server/reader-routing'],
  ]);
  allows([
    ['lib/reader/example.ts', '@/db/articles/reads'],
    ['lib/reader/example.ts', '../cache/tags'],
    // A test beside its code may use the shared harness and the tools that prepare its data.
    ['lib/reader/example.test.ts', '@/test/support/database'],
    ['lib/reader/example.test.ts', '../../ops/seed-content'],
  ]);
});

describe('db/: the bottom layer, with a short list of lib/ modules', { timeout: 60_000 }, () => {
  refuses([
    ['db/example.ts', '@/lib/newsroom/scheduler'],
    ['db/example.ts', '../lib/newsroom/scheduler'],
    ['db/articles/example.ts', '../../lib/cache/tags'],
    ['db/example.ts', '@/lib/newsroom/importer', { typeOnly: true }],
    ['db/example.ts', '@/app/admin/articles/actions'],
    ['db/example.ts', '@/components/site/NotFound'],
    ['db/example.ts', '../server/main'],
    ['db/example.ts', '@/ops/seed'],
    ['db/example.ts', '@/scripts/lib/backup-cli'],
    ['db/example.ts', '@/e2e/helpers'],
    ['db/articles/example.ts', '../../test/support/database-fixtures'],
    ['db/example.test.ts', '@/lib/newsroom/revision-labels'],
  ]);
  allows([
    ['db/example.ts', '@/lib/config'],
    ['db/articles/example.ts', '../../lib/markdown'],
    ['db/articles/example.ts', '@/lib/paths'],
    ['db/example.ts', '@/lib/auth/last-admin'],
    ['db/example.test.ts', '../test/support/database'],
  ]);
});

describe('server/ and app/: the front door and the routes stay apart', { timeout: 60_000 }, () => {
  refuses([
    ['server/example.ts', '@/app/admin/articles/actions'],
    ['server/example.ts', '../app/admin/articles/actions'],
    ['app/(site)/example/page.tsx', '@/server/http-caching'],
    ['app/admin/articles/actions.ts', '../../../server/http-caching'],
    ['app/admin/import/actions.ts', '@/ops/import-export'],
    ['app/admin/example.ts', '@/scripts/lib/timing'],
    ['app/admin/example.ts', '@/e2e/helpers'],
    ['app/admin/example.ts', '@/test/support/database'],
  ]);
  allows([
    ['server/example.ts', '@/components/site/NotFound'],
    ['server/example.ts', '../lib/paths'],
    ['app/(site)/example/page.tsx', '@/components/site/FrontPage'],
    ['app/(site)/example/page.tsx', '@/lib/reader/front-page'],
    ['app/(site)/example/page.tsx', '@/db/sections'],
  ]);
});

describe('scripts/, e2e/ and ops/: tools share the harness in test/support/', { timeout: 60_000 }, () => {
  refuses([
    ['scripts/example.ts', '@/e2e/helpers'],
    ['scripts/lib/example.ts', '../../e2e/helpers'],
    ['e2e/example.spec.ts', '@/scripts/lib/timing'],
    ['e2e/example.spec.ts', '../scripts/lib/timing'],
    ['ops/example.ts', '@/app/admin/articles/actions'],
    ['ops/example.ts', '../components/site/NotFound'],
    ['ops/example.ts', '@/server/main'],
    ['ops/example.ts', '@/e2e/helpers'],
  ]);
  allows([
    ['scripts/example.ts', '@/test/support/site-server'],
    ['scripts/example.ts', './lib/timing'],
    ['e2e/example.spec.ts', '@/test/support/site-server'],
    ['ops/example.ts', '@/db/client'],
    ['ops/example.ts', '../lib/paths'],
  ]);
});

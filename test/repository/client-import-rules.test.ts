import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The rule in eslint.config.mjs that keeps server-only modules out of browser code holds: a client file
 * importing the renderer, validation or the database fails lint, while types and server files pass.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('browser code imports no server-only module', { timeout: 30_000 }, () => {
  it('refuses value imports of the renderer, validation, diffing and the database in *.client files', async () => {
    const code = [
      "import { renderMarkdown } from '@/lib/markdown';",
      "import { validateArticleForm } from '@/lib/newsroom/forms/article-form';",
      "import { getDb } from '@/db/client';",
      "import sanitizeHtml from 'sanitize-html';",
      'export const used = [renderMarkdown, validateArticleForm, getDb, sanitizeHtml];',
      '',
    ].join('\n');
    expect(await restrictedImports('components/admin/Example.client.tsx', code)).toHaveLength(4);
  });

  it('allows types from those modules, and the browser-safe form values', async () => {
    const code = [
      "import type { ArticleFormValues } from '@/lib/newsroom/forms/article-form';",
      "import type { Db } from '@/db/client';",
      "import { readArticleForm } from '@/lib/newsroom/forms/article-form-values';",
      'export const read = (form: FormData): ArticleFormValues => readArticleForm(form);',
      'export type Handle = Db;',
      '',
    ].join('\n');
    expect(await restrictedImports('components/admin/Example.client.tsx', code)).toEqual([]);
  });

  it('leaves server files free to import them', async () => {
    const code = "import { renderMarkdown } from '@/lib/markdown';\nexport const render = renderMarkdown;\n";
    expect(await restrictedImports('components/admin/Example.tsx', code)).toEqual([]);
  });
});

import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', '.next-*/', 'test-results/', 'playwright-report/', 'next-env.d.ts', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Reader images are served as they are stored (sized, lazy, with dimensions); next/image would add client JS.
      '@next/next/no-img-element': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(test|describe|it)$/]", message: 'No focused tests.' },
        { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(test|describe|it)$/]", message: 'No skipped tests.' },
      ],
    },
  },
  {
    // Browser code: what a client file imports ships to every newsroom visitor. Server-only modules (the
    // Markdown renderer and sanitiser, form validation, the database, Node's own modules) must not get in:
    // a value import of lib/newsroom/article-form once added 120 KB gzip to the editor. Types are fine.
    files: ['**/*.client.{ts,tsx}', 'app/**/error.tsx', 'app/global-error.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/lib/markdown', message: 'The Markdown renderer runs on the server (previewMarkdown renders for the editor).', allowTypeImports: true },
            { name: '@/lib/newsroom/article-form', message: 'Validation runs on the server; the browser reads form values from @/lib/newsroom/article-form-values.', allowTypeImports: true },
            { name: '@/lib/newsroom/text-diff', message: 'Diffs are computed on the server and sent as parts.', allowTypeImports: true },
            { name: 'markdown-it', message: 'Server only.' },
            { name: 'sanitize-html', message: 'Server only.' },
            { name: 'diff', message: 'Server only.' },
          ],
          patterns: [
            { group: ['@/db/*', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'node:*', 'sharp'], message: 'Server only: browser code may import its types, not its code.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
);

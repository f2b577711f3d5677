import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * The layers, written down where they are enforced (docs/decisions, README "What may import what").
 * Each folder forbids imports of the folders above it or beside it, in the alias form (`@/app/…`) and the
 * relative one (`../app/…`), with a message that says where the code goes instead.
 *
 * ESLint applies the LAST matching config's options for a rule, without merging them: a client file in
 * components/ matched by a components config and a browser config would keep only one set. So no config
 * below is written by hand: layerConfigs() gives every file exactly one final no-restricted-imports
 * setting, composed from all the restrictions that apply to it (its folder's, the browser's if it is
 * client code, minus the test allowance if it is a test).
 */

/** A regular expression for imports of these folders at the root: `@/app`, `@/app/…`, `../app/…`, `../../app/…`. */
const importsOf = (folders) => `^(?:@/|(?:\\.\\./)+)(?:${folders.join('|')})(?:/|$)`;

/**
 * What a layer may not import: `folders` (or a ready `regex`), the `message` that says where the code
 * should go instead, and whether `import type` is fine.
 */
const forbid = (folders, message, { allowTypeImports = false } = {}) => ({ folders, message, allowTypeImports });

/** Tests sit beside their code and keep its layer, but may use the shared harness and the tools that prepare their data. */
const TEST_TOOLS = ['test', 'ops', 'scripts'];

/** The database is server code. Shared by components/ and browser code, so a file that is both is told once. */
const databaseTypesOnly = forbid(
  ['db'],
  'db/ is server code: here take its types only (`import type`). The page in app/ reads the data and passes it in as props; a constant both sides need belongs in lib/.',
  { allowTypeImports: true },
);

// The lib/ modules db/ truly needs: where the database lives (config), URL rules (paths), the Markdown it
// stores rendered beside the text in the same statement (markdown, decision 11), how an image row becomes
// an ImageRef (media/responsive-images), the key a headline is matched by (newsroom/headline-match), and
// the last-admin rule checked inside the account write's transaction (auth/last-admin), and the one place
// per-process state is kept (process-state: the connection, the query tallies, the trending rankings), and
// the story types an article's `type` column holds (story-types).
const LIB_MODULES_DB_NEEDS = ['config', 'paths', 'markdown', 'media/responsive-images', 'newsroom/headline-match', 'auth/last-admin', 'process-state', 'story-types'];

const layers = {
  components: [
    forbid(
      ['app', 'server'],
      'Components are props in, markup out: the page in app/ imports the server action or the data and passes it in as a prop (server/ is the front door, never a component\'s business).',
    ),
    databaseTypesOnly,
  ],
  lib: [
    forbid(
      ['components', 'app', 'server'],
      'lib/ sits below the pages and the front door: move this code up into the layer that needs it, or move what both need down into lib/ and import it from there.',
    ),
    forbid(
      ['ops', 'scripts', 'e2e', 'test'],
      'lib/ is code the site runs: tools (ops/, scripts/) and tests (e2e/, test/) import lib/, not the other way; put what they share in lib/.',
    ),
  ],
  db: [
    {
      regex: `^(?:@/|(?:\\.\\./)+)lib/(?!(?:${LIB_MODULES_DB_NEEDS.join('|')})$)`,
      caseSensitive: true,
      message: `db/ imports only lib/${LIB_MODULES_DB_NEEDS.join(', lib/')}: keep the rule in lib/ (the use case in lib/ calls db/), or pass the value in as an argument.`,
    },
    forbid(
      ['app', 'components', 'server', 'ops', 'scripts', 'e2e', 'test'],
      'db/ is the bottom layer (tables and queries): its callers in lib/, app/, server/ and ops/ import it, never the other way; put shared test data in test/support/.',
    ),
  ],
  server: [
    forbid(['app'], 'server/ runs before and around Next, and app/ is Next\'s: share the code through lib/ (or components/ for markup) instead.'),
  ],
  app: [
    forbid(
      ['server', 'ops', 'scripts', 'e2e', 'test'],
      'Routes stay thin: they call use cases in lib/ and reads in db/, and render components/; code the front door (server/) or the tools (ops/, scripts/) also need belongs in lib/.',
    ),
  ],
  scripts: [forbid(['e2e'], 'The harness scripts and e2e share lives in test/support/: import it from there.')],
  e2e: [forbid(['scripts'], 'The harness scripts and e2e share lives in test/support/: import it from there.')],
  ops: [
    forbid(
      ['app', 'components', 'server', 'e2e'],
      'ops/ (seeding, backups, import and export) works on db/ and lib/ only: move what it needs from app/, components/ or server/ down into lib/.',
    ),
  ],
};

// Browser code: what a client file imports ships to every newsroom visitor. Server-only modules (the
// Markdown renderer and sanitiser, form validation, the database, Node's own modules) must not get in:
// a value import of lib/newsroom/forms/article-form once added 120 KB gzip to the editor. Types are fine.
const BROWSER_FILES = ['**/*.client.{ts,tsx}', 'app/**/error.tsx', 'app/global-error.tsx'];
const browser = {
  paths: [
    { name: '@/lib/markdown', message: 'The Markdown renderer runs on the server (previewMarkdown renders for the editor).', allowTypeImports: true },
    { name: '@/lib/newsroom/forms/article-form', message: 'Validation runs on the server; the browser reads form values from @/lib/newsroom/forms/article-form-values.', allowTypeImports: true },
    { name: '@/lib/newsroom/text-diff', message: 'Diffs are computed on the server and sent as parts.', allowTypeImports: true },
    { name: 'markdown-it', message: 'Server only.' },
    { name: 'sanitize-html', message: 'Server only.' },
    { name: 'diff', message: 'Server only.' },
  ],
  patterns: [
    databaseTypesOnly,
    { group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'node:*', 'sharp'], message: 'Server only: browser code may import its types, not its code.', allowTypeImports: true },
  ],
};

const TEST_FILES = ['**/*.test.{ts,tsx}'];

/** One pattern of the rule's options; null when the test allowance leaves nothing to forbid. */
function patternOf(restriction, allowed) {
  if (!restriction.folders) return restriction;
  const folders = restriction.folders.filter((folder) => !allowed.includes(folder));
  if (folders.length === 0) return null;
  return { regex: importsOf(folders), caseSensitive: true, message: restriction.message, allowTypeImports: restriction.allowTypeImports };
}

/** The rule's setting for everything that applies to a file: the same restriction twice counts once. */
function noRestrictedImports({ restrictions = [], paths = [], allowed = [] }) {
  const patterns = [...new Set(restrictions)].map((r) => patternOf(r, allowed)).filter(Boolean);
  return { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] };
}

/** `**\/*.client.tsx` and `app/**\/error.tsx` narrowed to one folder (or dropped when they name another). */
const within = (folder, globs) =>
  globs.flatMap((glob) => (glob.startsWith('**/') ? [`${folder}/${glob}`] : glob.startsWith(`${folder}/`) ? [glob] : []));

function layerConfigs() {
  // Outside the layered folders, client code still gets the browser rule.
  const configs = [{ files: BROWSER_FILES, rules: noRestrictedImports({ restrictions: browser.patterns, paths: browser.paths }) }];
  for (const [folder, restrictions] of Object.entries(layers)) {
    // Later configs win: the folder's code, then its tests, then its client code (folder and browser rules together).
    configs.push({ files: [`${folder}/**/*.{ts,tsx,mjs}`], rules: noRestrictedImports({ restrictions }) });
    configs.push({ files: within(folder, TEST_FILES), rules: noRestrictedImports({ restrictions, allowed: TEST_TOOLS }) });
    const clientFiles = within(folder, BROWSER_FILES);
    configs.push({ files: clientFiles, rules: noRestrictedImports({ restrictions: [...restrictions, ...browser.patterns], paths: browser.paths }) });
  }
  return configs;
}

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
  ...layerConfigs(),
);

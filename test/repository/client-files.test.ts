import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Client code lives only in files named *.client.ts(x), so a reader can tell from a file's name whether
 * it reaches the browser. Two ways a file becomes client code are checked here: it says 'use client'
 * itself, or a *.client file imports a component from it (a value, not only types), which pulls it into
 * the browser bundle whatever its name. Next's own route files in app/ (error.tsx, global-error.tsx…)
 * keep the names Next requires.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const sourceFiles = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((file) => /\.(ts|tsx)$/.test(file) && !file.endsWith('.d.ts') && fs.existsSync(path.join(root, file)));

const NEXT_ROUTE_FILE = /^app\/(.+\/)?(page|layout|template|error|global-error|not-found|global-not-found|loading|default|forbidden|unauthorized)\.tsx?$/;
const CLIENT_NAME = /\.client\.tsx?$/;

/** Whether the module starts with the 'use client' directive (comments may come first). */
export function saysUseClient(text: string): boolean {
  if (!text.includes('use client')) return false;
  const first = ts.createSourceFile('x.tsx', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX).statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use client';
}

/** The module specifiers a file imports or re-exports values from (type-only imports left out). */
export function valueImports(text: string): string[] {
  const source = ts.createSourceFile('x.tsx', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const typesOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typesOnly) specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && !statement.isTypeOnly) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

/** The repository file an import names ('@/…' or relative), or null for a package or a non-source file. */
function resolveImport(fromFile: string, specifier: string): string | null {
  const base = specifier.startsWith('@/') ? specifier.slice(2) : specifier.startsWith('.') ? path.posix.join(path.posix.dirname(fromFile), specifier) : null;
  if (base === null) return null;
  const candidates = [base, `${base}.tsx`, `${base}.ts`, `${base}/index.tsx`, `${base}/index.ts`];
  return candidates.find((candidate) => /\.tsx?$/.test(candidate) && fs.existsSync(path.join(root, candidate))) ?? null;
}

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('client code is named *.client', () => {
  it('finds the source files (a broken listing must not pass)', () => {
    expect(sourceFiles.filter((file) => file.startsWith('components/')).length).toBeGreaterThan(20);
    expect(sourceFiles.filter((file) => CLIENT_NAME.test(file)).length).toBeGreaterThan(10);
  });

  it("names every file that says 'use client' *.client.ts(x), except Next's own route files", () => {
    const misnamed = sourceFiles.filter((file) => !CLIENT_NAME.test(file) && !NEXT_ROUTE_FILE.test(file) && saysUseClient(read(file)));
    expect(misnamed).toEqual([]);
  });

  it('lets a *.client file take values only from components that are *.client themselves', () => {
    const pulledIn = sourceFiles
      .filter((file) => CLIENT_NAME.test(file) && !/\.test\.tsx?$/.test(file))
      .flatMap((file) =>
        valueImports(read(file))
          .map((specifier) => resolveImport(file, specifier))
          .filter((target): target is string => target !== null && target.startsWith('components/') && !CLIENT_NAME.test(target))
          .map((target) => `${file} → ${target}`),
      );
    expect(pulledIn).toEqual([]);
  });

  it('tells the directive, value imports and type imports apart', () => {
    expect(saysUseClient("'use client';\nimport x from 'y';")).toBe(true);
    expect(saysUseClient('// A note first.\n"use client";\n')).toBe(true);
    expect(saysUseClient("import x from 'y';\n'use client';\n")).toBe(false);
    expect(saysUseClient("export const note = 'use client';\n")).toBe(false);
    expect(
      valueImports(
        [
          "import { A } from './A';",
          "import type { B } from './B';",
          "import { type C } from './C';",
          "import { type D, E } from './DE';",
          "import F, { type G } from './FG';",
          "import './styles.css';",
          "export { H } from './H';",
          "export type { I } from './I';",
        ].join('\n'),
      ),
    ).toEqual(['./A', './DE', './FG', './styles.css', './H']);
  });
});

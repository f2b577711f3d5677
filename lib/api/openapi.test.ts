import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { openApiDocument } from './openapi';

const root = path.resolve(import.meta.dirname, '..', '..');

it('the OpenAPI document passes Redocly’s lint (recommended rules, warnings as errors)', () => {
  vi.stubEnv('BASE_URL', 'https://news.crbc.test');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
    let output: string;
    try {
      output = execFileSync(process.execPath, [path.join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', '--config', path.join(root, 'redocly.yaml'), '--format', 'json', file], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const report = JSON.parse(output.slice(output.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
    const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

it('documents every Content API and Admin API route the app has, and only those', () => {
  const document = openApiDocument();
  for (const api of ['content', 'admin']) {
    const routes = fs
      .readdirSync(path.join(root, 'app/api/v1', api), { recursive: true, encoding: 'utf8' })
      .filter((file) => path.basename(file) === 'route.ts')
      .map((file) => `/api/v1/${api}/${path.dirname(file)}`.replace(/\/\.$/, '').replace(/\[([^\]]+)\]/g, '{$1}'))
      .sort();
    expect(Object.keys(document.paths ?? {}).filter((p) => p.startsWith(`/api/v1/${api}/`)).sort()).toEqual(routes);
  }
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PHASE_PRODUCTION_SERVER } from 'next/constants';
import loadConfig from 'next/dist/server/config';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_CONFIG_ENV, builtNextConfig } from './built-next-config';

const folders: string[] = [];
function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-built-config-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  delete process.env[BUILT_CONFIG_ENV];
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function buildFolder(config: Record<string, unknown>): string {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'required-server-files.json'), JSON.stringify({ version: 1, config, files: [] }));
  return dir;
}

describe('builtNextConfig', () => {
  it("keeps what the build resolved and takes this run's page cache", () => {
    const dist = buildFolder({ distDir: '.next-x', poweredByHeader: false, cacheMaxMemorySize: 52_428_800, experimental: { globalNotFound: true } });
    const config = builtNextConfig(dist, { cacheHandler: '/site/lib/cache/page-cache-sqlite.ts', cacheMaxMemorySize: 0 });
    expect(config).toMatchObject({ distDir: '.next-x', poweredByHeader: false, experimental: { globalNotFound: true } });
    expect(config.cacheHandler).toBe('/site/lib/cache/page-cache-sqlite.ts');
    expect(config.cacheMaxMemorySize).toBe(0);
  });

  it('names the missing build and what to run, rather than a parse error', () => {
    expect(() => builtNextConfig(folder(), {})).toThrow(/No usable build in .*run `npm run build` first/);
  });

  it("is what Next's own loader returns, without reading next.config.ts (so without loading its compiler)", async () => {
    const site = folder();
    // A configuration file that would fail if Next read it.
    fs.writeFileSync(path.join(site, 'next.config.ts'), "throw new Error('next.config.ts was read');\n");
    const dist = buildFolder({ distDir: '.next', htmlLimitedBots: '.*', images: { unoptimized: true } });
    process.env[BUILT_CONFIG_ENV] = JSON.stringify(builtNextConfig(dist, { cacheHandler: '/x/page-cache-memory.ts', cacheMaxMemorySize: 0 }));
    const config = await loadConfig(PHASE_PRODUCTION_SERVER, site);
    expect(config.cacheHandler).toBe('/x/page-cache-memory.ts');
    expect(config.cacheMaxMemorySize).toBe(0);
    expect(config.images.unoptimized).toBe(true);
  });
});

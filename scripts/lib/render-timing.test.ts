import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { revalidationSecret } from './render-timing';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function buildFolder(manifest: unknown): string {
  const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-timing-'));
  folders.push(distDir);
  fs.writeFileSync(path.join(distDir, 'prerender-manifest.json'), JSON.stringify(manifest));
  return distDir;
}

describe('revalidationSecret', () => {
  it("reads the build's preview-mode id, which makes Next render a cached page afresh", () => {
    expect(revalidationSecret(buildFolder({ version: 4, preview: { previewModeId: 'abc123' } }))).toBe('abc123');
  });

  it('says which build folder lacks it', () => {
    const distDir = buildFolder({ version: 4 });
    expect(() => revalidationSecret(distDir)).toThrow(`no preview-mode id in ${distDir}/prerender-manifest.json`);
  });
});

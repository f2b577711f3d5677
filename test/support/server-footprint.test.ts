import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageCacheUsage, requestUnknownUrls, residentMemory, UNKNOWN_URL_SHAPE_COUNT, unknownUrl } from './server-footprint';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('residentMemory', () => {
  it("reads this process's resident memory and its peak from /proc", () => {
    const memory = residentMemory(process.pid);
    expect(memory.rssMiB).toBeGreaterThan(10);
    expect(memory.peakMiB).toBeGreaterThanOrEqual(memory.rssMiB);
  });
});

describe('pageCacheUsage', () => {
  it('counts the files and bytes under the page cache folders of a build, and nothing else', () => {
    const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footprint-'));
    folders.push(distDir);
    fs.mkdirSync(path.join(distDir, 'server', 'app', 'politics'), { recursive: true });
    fs.mkdirSync(path.join(distDir, 'cache', 'fetch-cache'), { recursive: true });
    fs.mkdirSync(path.join(distDir, 'server', 'route-cache'), { recursive: true });
    fs.mkdirSync(path.join(distDir, 'static'), { recursive: true });
    fs.writeFileSync(path.join(distDir, 'server', 'route-cache', 'page'), 'x'.repeat(3));
    fs.writeFileSync(path.join(distDir, 'server', 'app', 'politics.html'), 'x'.repeat(100));
    fs.writeFileSync(path.join(distDir, 'server', 'app', 'politics', 'story.html'), 'x'.repeat(50));
    fs.writeFileSync(path.join(distDir, 'cache', 'fetch-cache', 'entry'), 'x'.repeat(7));
    fs.writeFileSync(path.join(distDir, 'static', 'app.js'), 'x'.repeat(1000));
    expect(pageCacheUsage(distDir)).toEqual({ files: 4, bytes: 160 });
  });
});

describe('unknownUrl', () => {
  it('gives a different address every time, in every shape a reader URL takes', () => {
    const urls = Array.from({ length: 1200 }, (_, n) => unknownUrl(n));
    expect(new Set(urls).size).toBe(1200);
    expect(new Set(urls.map((url) => url.replace(/\d+/g, 'N'))).size).toBe(UNKNOWN_URL_SHAPE_COUNT);
  });
});

describe('requestUnknownUrls', () => {
  it('requests each address once over the connections given and counts the answers by status', async () => {
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(request.url ?? '');
      response.writeHead(request.url?.startsWith('/politics/') ? 500 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { statuses } = await requestUnknownUrls(`http://127.0.0.1:${port}`, 80, 4);
      expect(new Set(seen).size).toBe(80);
      expect(Object.fromEntries(statuses)).toEqual({ 404: 73, 500: 7 });
    } finally {
      server.close();
    }
  });
});

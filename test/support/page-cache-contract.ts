import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheHandler } from 'next/dist/server/lib/incremental-cache';
import { sharedPageCacheHandler, type PageStore } from '@/lib/cache/page-cache';

/**
 * What every shared page cache (lib/cache/page-cache-*.ts) must do, checked over two stores opened
 * separately on the same backing (two SQLite connections to one file, two clients of one Redis), as two
 * server processes would hold them.
 */

export interface TwoStores {
  a: PageStore;
  b: PageStore;
  close(): Promise<void>;
}

type SetValue = Parameters<CacheHandler['set']>[1];
type GetContext = Parameters<CacheHandler['get']>[1];
type SetContext = Parameters<CacheHandler['set']>[2];

const PAGE_CONTEXT = { kind: 'APP_PAGE', isFallback: false, isRoutePPREnabled: false } as unknown as GetContext;
const SET_CONTEXT = { cacheControl: { revalidate: 60, expire: 31_536_000 }, isFallback: false, isRoutePPREnabled: false } as unknown as SetContext;

/** An app page as Next stores one: its HTML, the RSC payload as a buffer, segment data, its tags in a header. */
export function appPage(html: string, tags: string[]): SetValue {
  return {
    kind: 'APP_PAGE',
    html,
    rscData: Buffer.from(`rsc of ${html}\u00ff`),
    status: 200,
    postponed: undefined,
    headers: { 'x-next-cache-tags': tags.join(',') },
    segmentData: new Map([['/_tree', Buffer.from([0, 1, 254, 255])]]),
  } as unknown as SetValue;
}

export function describePageCacheContract(name: string, open: (buildDir: string) => Promise<TwoStores>): void {
  describe(`${name}: one page cache for many processes`, () => {
    let stores: TwoStores;
    let buildDir: string;
    let A: CacheHandler;
    let B: CacheHandler;
    beforeAll(async () => {
      buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-cache-build-'));
      fs.mkdirSync(path.join(buildDir, 'server'));
      fs.writeFileSync(path.join(buildDir, 'BUILD_ID'), 'build-one');
      stores = await open(buildDir);
      A = request(() => stores.a);
      B = request(() => stores.b);
    });
    /** Next makes a handler per request, before the request's render starts. */
    const request = (store: () => PageStore) => new (sharedPageCacheHandler(store))({ serverDistDir: path.join(buildDir, 'server'), revalidatedTags: [], _requestHeaders: {} });
    afterAll(async () => {
      await stores?.close();
      fs.rmSync(buildDir, { recursive: true, force: true });
    });

    it('serves a page stored by one process to another, bytes and lifetime intact', async () => {
      await A.set('/a/stored', appPage('<p>stored</p>', ['article:1', 'home']), SET_CONTEXT);
      const entry = await B.get('/a/stored', PAGE_CONTEXT);
      expect(entry?.cacheControl).toEqual({ revalidate: 60, expire: 31_536_000 });
      expect(Math.abs(Date.now() - (entry?.lastModified ?? 0))).toBeLessThan(5_000);
      const value = entry?.value as unknown as { html: string; rscData: Buffer; segmentData: Map<string, Buffer>; headers: Record<string, string> };
      expect(value.html).toBe('<p>stored</p>');
      expect(Buffer.isBuffer(value.rscData)).toBe(true);
      expect(value.rscData.toString()).toBe('rsc of <p>stored</p>\u00ff');
      expect([...value.segmentData.get('/_tree')!]).toEqual([0, 1, 254, 255]);
      expect(value.headers['x-next-cache-tags']).toBe('article:1,home');
      expect(await B.get('/a/never-stored', PAGE_CONTEXT)).toBeNull();
    });

    it('misses in every process once a tag the page carries expires (updateTag, or revalidateTag with expire 0)', async () => {
      await A.set('/b/updated', appPage('<p>one</p>', ['article:2']), SET_CONTEXT);
      await A.set('/b/other', appPage('<p>other</p>', ['article:3']), SET_CONTEXT);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await B.revalidateTag(['article:2']);
      expect(await A.get('/b/updated', PAGE_CONTEXT)).toBeNull();
      expect(await A.get('/b/other', PAGE_CONTEXT)).not.toBeNull();
      await A.set('/b/expire-zero', appPage('<p>two</p>', ['section:politics']), SET_CONTEXT);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await A.revalidateTag('section:politics', { expire: 0 });
      expect(await B.get('/b/expire-zero', PAGE_CONTEXT)).toBeNull();
    });

    it('keeps a page rendered after the expiry', async () => {
      await A.revalidateTag(['article:4']);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await request(() => stores.a).set('/c/after', appPage('<p>after</p>', ['article:4']), SET_CONTEXT);
      expect((await B.get('/c/after', PAGE_CONTEXT))?.value).toMatchObject({ html: '<p>after</p>' });
    });

    it('never keeps a page whose render began before a tag it carries expired: it may show what the change replaced', async () => {
      // A reader's request starts rendering the front page; an editor's save commits and expires the tag;
      // the render, which read the old arrangement, finishes and is stored after the expiry.
      const reader = request(() => stores.a);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await B.revalidateTag(['home']);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await reader.set('/c/raced', appPage('<p>the old front</p>', ['home']), SET_CONTEXT);
      expect(await A.get('/c/raced', PAGE_CONTEXT)).toBeNull();
      // The next request renders afresh, and that render is kept.
      await request(() => stores.b).set('/c/raced', appPage('<p>the new front</p>', ['home']), SET_CONTEXT);
      expect((await A.get('/c/raced', PAGE_CONTEXT))?.value).toMatchObject({ html: '<p>the new front</p>' });
    });

    it('serves a page whose tag went stale (revalidateTag with "max") as past its revalidate time', async () => {
      await A.set('/d/trending', appPage('<p>trending</p>', ['trending']), SET_CONTEXT);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await B.revalidateTag(['trending'], { expire: 31_536_000 });
      const entry = await A.get('/d/trending', PAGE_CONTEXT);
      expect(entry?.value).toMatchObject({ html: '<p>trending</p>' });
      expect(Date.now() - (entry?.lastModified ?? Date.now())).toBeGreaterThan(60_000);
      // A re-render stored afterwards is fresh again.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await request(() => stores.b).set('/d/trending', appPage('<p>trending again</p>', ['trending']), SET_CONTEXT);
      expect(Date.now() - ((await A.get('/d/trending', PAGE_CONTEXT))?.lastModified ?? 0)).toBeLessThan(5_000);
    });

    it('keeps no cached reads (kind FETCH) and drops an entry set to null', async () => {
      const fetchContext = { kind: 'FETCH', tags: ['x'], softTags: [] } as unknown as GetContext;
      await A.set('fetch-key', { kind: 'FETCH', data: { headers: {}, body: 'dHJ1ZQ==', status: 200, url: '' }, revalidate: 60 } as unknown as SetValue, { fetchCache: true, tags: ['x'] } as unknown as SetContext);
      expect(await B.get('fetch-key', fetchContext)).toBeNull();
      await A.set('/e/gone', appPage('<p>gone</p>', []), SET_CONTEXT);
      await A.set('/e/gone', null, SET_CONTEXT);
      expect(await B.get('/e/gone', PAGE_CONTEXT)).toBeNull();
    });

    it("never serves another build's page", async () => {
      await A.set('/f/built', appPage('<p>built</p>', []), SET_CONTEXT);
      fs.writeFileSync(path.join(buildDir, 'BUILD_ID'), 'build-two');
      const context = { serverDistDir: path.join(buildDir, 'server'), revalidatedTags: [], _requestHeaders: {} };
      const nextBuild = new (sharedPageCacheHandler(() => stores.b))(context);
      expect(await nextBuild.get('/f/built', PAGE_CONTEXT)).toBeNull();
      fs.writeFileSync(path.join(buildDir, 'BUILD_ID'), 'build-one');
    });
  });
}

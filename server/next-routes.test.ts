import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuiltRoutes, routeFinder } from './next-routes';

describe('routeFinder', () => {
  const findRoute = routeFinder(['/', '/admin', '/admin/login', '/api/views', '/robots.txt', '/admin/articles/[id]', '/media/[file]', '/[section]', '/[section]/[slug]', '/[section]/page/[page]', '/[section]/rss.xml']);

  it('prefers, from the left, a fixed name to a parameter, as Next does', () => {
    expect(findRoute('/')).toBe('/');
    expect(findRoute('/admin/login')).toBe('/admin/login');
    expect(findRoute('/admin/articles/12')).toBe('/admin/articles/[id]');
    expect(findRoute('/media/rss.xml')).toBe('/media/[file]');
    expect(findRoute('/media/page')).toBe('/media/[file]');
    expect(findRoute('/politics/rss.xml')).toBe('/[section]/rss.xml');
    expect(findRoute('/politics/page/2')).toBe('/[section]/page/[page]');
  });

  it("names the section's routes for whatever nothing more specific takes", () => {
    expect(findRoute('/admin/x')).toBe('/[section]/[slug]');
    expect(findRoute('/api/page/3')).toBe('/[section]/page/[page]');
    expect(findRoute('/x.txt')).toBe('/[section]');
    expect(findRoute('/admin/')).toBe('/admin');
  });

  it('takes a path into a catch-all only when no fixed name or parameter at the same place does', () => {
    const withApi = routeFinder(['/[section]', '/[section]/[slug]', '/[section]/page/[page]', '/api/v1/[...rest]', '/api/v1/content/articles', '/api/v1/content/articles/[id]']);
    expect(withApi('/api/v1/nothing')).toBe('/api/v1/[...rest]');
    expect(withApi('/api/v1/content/articles')).toBe('/api/v1/content/articles');
    expect(withApi('/api/v1/content/articles/7')).toBe('/api/v1/content/articles/[id]');
    expect(withApi('/api/v1/content/articles/7/x/y')).toBe('/api/v1/[...rest]');
    expect(withApi('/api/v1')).toBe('/[section]/[slug]');
    expect(withApi('/politics/page/2')).toBe('/[section]/page/[page]');
  });

  it('finds nothing for a path no route has the shape of', () => {
    expect(findRoute('/a/b/c/d')).toBeNull();
    expect(routeFinder([])('/')).toBeNull();
  });
});

describe('readBuiltRoutes', () => {
  it("lists the static and dynamic routes of a build's routes manifest", () => {
    const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'routes-manifest-'));
    try {
      const route = (page: string) => ({ page, regex: `^${page}(?:/)?$`, routeKeys: {}, namedRegex: `^${page}(?:/)?$` });
      const manifest = { version: 3, staticRoutes: [route('/'), route('/robots.txt')], dynamicRoutes: [route('/media/[file]'), route('/[section]')], redirects: [] };
      fs.writeFileSync(path.join(distDir, 'routes-manifest.json'), JSON.stringify(manifest));
      expect(readBuiltRoutes(distDir)).toEqual(['/', '/robots.txt', '/media/[file]', '/[section]']);
    } finally {
      fs.rmSync(distDir, { recursive: true, force: true });
    }
  });
});

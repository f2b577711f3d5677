import { describe, expect, it } from 'vitest';
import { refuseBody, refuseMethod, requestBodyLimit } from './request-limits';

describe('refuseBody', () => {
  const signedIn = { signedIn: true };
  const anonymous = { signedIn: false };

  it('lets the newsroom take an image upload from someone signed in, and public addresses only small bodies', () => {
    expect(requestBodyLimit('/admin/media', signedIn)).toBe(11 * 1024 * 1024);
    expect(requestBodyLimit('/api/views', signedIn)).toBe(16 * 1024);
    expect(refuseBody('/admin/media', { 'content-length': String(10 * 1024 * 1024) }, signedIn)).toBeNull();
    expect(refuseBody('/api/views', { 'content-length': '3' }, anonymous)).toBeNull();
    expect(refuseBody('/politics', {}, anonymous)).toBeNull();
  });

  it('gives requests without a session, and the sign-in form, the small limit', () => {
    for (const path of ['/admin', '/admin/media', '/admin/articles/new']) expect(requestBodyLimit(path, anonymous), path).toBe(16 * 1024);
    for (const path of ['/admin/login', '/admin/login/']) expect(requestBodyLimit(path, signedIn), path).toBe(16 * 1024);
    expect(refuseBody('/admin/media', { 'content-length': String(16 * 1024 + 1) }, anonymous)?.status).toBe(413);
  });

  it('refuses a body over the limit before reading it', () => {
    expect(refuseBody('/api/views', { 'content-length': String(16 * 1024 + 1) }, signedIn)?.status).toBe(413);
    expect(refuseBody('/admin/media', { 'content-length': String(12 * 1024 * 1024) }, signedIn)).toEqual({
      status: 413,
      message: 'The request body is larger than this address accepts (11264 KB).',
    });
    for (const length of ['-1', '1e9', '', '99999999999999999999']) expect(refuseBody('/api/views', { 'content-length': length }, anonymous)?.status).toBe(413);
  });

  it('lets the Admin API take an article (1 MB) or an image only with a live integration key; without one, 16 KB', () => {
    const integration = { signedIn: false, integration: true };
    expect(requestBodyLimit('/api/v1/admin/articles', integration)).toBe(1024 * 1024);
    expect(requestBodyLimit('/api/v1/admin/articles/3', integration)).toBe(1024 * 1024);
    expect(requestBodyLimit('/api/v1/admin/images', integration)).toBe(10 * 1024 * 1024 + 64 * 1024);
    for (const path of ['/api/v1/admin/articles', '/api/v1/admin/images']) expect(requestBodyLimit(path, anonymous)).toBe(16 * 1024);
    // A key counts only for the Admin API.
    expect(requestBodyLimit('/api/views', integration)).toBe(16 * 1024);
    expect(requestBodyLimit('/admin/media', integration)).toBe(16 * 1024);
  });

  it('refuses a streamed body that does not say how long it is', () => {
    expect(refuseBody('/api/views', { 'transfer-encoding': 'chunked' }, anonymous)?.status).toBe(411);
  });
});

describe('refuseMethod', () => {
  it('lets readers read every address, and post only to the newsroom and the API', () => {
    for (const path of ['/', '/politics', '/search', '/rss.xml', '/media/a.webp', '/share/site.png', '/admin/login', '/api/views']) {
      expect(refuseMethod('GET', path)).toBeNull();
      expect(refuseMethod('HEAD', path)).toBeNull();
    }
    for (const path of ['/admin', '/admin/login', '/admin/media', '/api/views', '/api/internal/publish-due']) expect(refuseMethod('POST', path)).toBeNull();
  });

  it('lets the Admin API change articles with PATCH, and nothing else', () => {
    expect(refuseMethod('PATCH', '/api/v1/admin/articles/3')).toBeNull();
    expect(refuseMethod('PATCH', '/api/v1/content/articles/3')?.status).toBe(405);
    expect(refuseMethod('DELETE', '/api/v1/admin/articles/3')?.allow).toBe('GET, HEAD, POST, PATCH');
  });

  it('refuses any other method, saying which ones the address answers', () => {
    expect(refuseMethod('POST', '/politics')).toEqual({ status: 405, message: 'This address answers GET, HEAD requests only.', allow: 'GET, HEAD' });
    for (const path of ['/', '/search', '/politics/rss.xml', '/sitemaps/pages.xml', '/media/a.webp', '/preview/1', '/administration']) {
      expect(refuseMethod('POST', path)?.allow).toBe('GET, HEAD');
    }
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'get', undefined]) {
      expect(refuseMethod(method, '/api/views')).toEqual({ status: 405, message: 'This address answers GET, HEAD, POST requests only.', allow: 'GET, HEAD, POST' });
    }
  });
});

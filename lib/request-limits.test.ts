import { describe, expect, it } from 'vitest';
import { refuseBody, refuseMethod, requestBodyLimit } from './request-limits';

describe('refuseBody', () => {
  it('lets the newsroom take an image upload, and public addresses only small bodies', () => {
    expect(requestBodyLimit('/admin/media')).toBe(11 * 1024 * 1024);
    expect(requestBodyLimit('/api/views')).toBe(16 * 1024);
    expect(refuseBody('/admin/media', { 'content-length': String(10 * 1024 * 1024) })).toBeNull();
    expect(refuseBody('/api/views', { 'content-length': '3' })).toBeNull();
    expect(refuseBody('/politics', {})).toBeNull();
  });

  it('refuses a body over the limit before reading it', () => {
    expect(refuseBody('/api/views', { 'content-length': String(16 * 1024 + 1) })?.status).toBe(413);
    expect(refuseBody('/admin/media', { 'content-length': String(12 * 1024 * 1024) })).toEqual({
      status: 413,
      message: 'The request body is larger than this address accepts (11264 KB).',
    });
    for (const length of ['-1', '1e9', '', '99999999999999999999']) expect(refuseBody('/api/views', { 'content-length': length })?.status).toBe(413);
  });

  it('refuses a streamed body that does not say how long it is', () => {
    expect(refuseBody('/api/views', { 'transfer-encoding': 'chunked' })?.status).toBe(411);
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

import { describe, expect, it } from 'vitest';
import { refuseBody, requestBodyLimit } from './request-limits';

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

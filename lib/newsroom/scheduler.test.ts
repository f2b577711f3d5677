import { afterEach, describe, expect, it } from 'vitest';
import { isSchedulerRequest, SCHEDULER_HEADER, SCHEDULER_TOKEN_ENV } from './scheduler';

const withToken = (token: string) => new Request('http://localhost/api/internal/publish-due', { method: 'POST', headers: { [SCHEDULER_HEADER]: token } });

describe('isSchedulerRequest', () => {
  const saved = process.env[SCHEDULER_TOKEN_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[SCHEDULER_TOKEN_ENV];
    else process.env[SCHEDULER_TOKEN_ENV] = saved;
  });

  it('accepts the process’s own token only', () => {
    process.env[SCHEDULER_TOKEN_ENV] = 'abcdefghijklmnop';
    expect(isSchedulerRequest(withToken('abcdefghijklmnop'))).toBe(true);
    expect(isSchedulerRequest(withToken('abcdefghijklmnoq'))).toBe(false);
    expect(isSchedulerRequest(withToken('abc'))).toBe(false);
    expect(isSchedulerRequest(new Request('http://localhost/'))).toBe(false);
  });

  it('refuses, without throwing, a token of the same length in characters but not in bytes', () => {
    process.env[SCHEDULER_TOKEN_ENV] = 'abcdefghijklmnop';
    // 16 characters, but "é" is two bytes in UTF-8 (a header carries Latin-1 bytes, read back as such).
    expect(() => isSchedulerRequest(withToken('abcdefghijklmnoé'))).not.toThrow();
    expect(isSchedulerRequest(withToken('abcdefghijklmnoé'))).toBe(false);
  });

  it('refuses everything when the process has no token', () => {
    delete process.env[SCHEDULER_TOKEN_ENV];
    expect(isSchedulerRequest(withToken(''))).toBe(false);
    expect(isSchedulerRequest(withToken('anything'))).toBe(false);
  });
});

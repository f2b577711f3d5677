import { afterEach, describe, expect, it, vi } from 'vitest';
import { signInFirstWaitMs } from './config';

describe('signInFirstWaitMs', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is 1 s unless set, and takes a whole number of milliseconds from 100 ms to 10 minutes', () => {
    expect(signInFirstWaitMs()).toBe(1_000);
    vi.stubEnv('SIGN_IN_FIRST_WAIT_MS', '8000');
    expect(signInFirstWaitMs()).toBe(8_000);
    for (const wrong of ['0', '99', '600001', '1e4', '-500', 'soon', '2.5', '']) {
      vi.stubEnv('SIGN_IN_FIRST_WAIT_MS', wrong);
      expect(signInFirstWaitMs(), wrong).toBe(1_000);
    }
  });
});

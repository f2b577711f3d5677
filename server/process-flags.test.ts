import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_HEAP_MB, serverNodeFlags, serverProcessEnv } from './process-flags.mjs';

describe('serverNodeFlags', () => {
  it('caps the heap at the default, and halves the sizes of the young generation', () => {
    expect(serverNodeFlags({})).toEqual({ ok: true, flags: [`--max-old-space-size=${DEFAULT_SERVER_HEAP_MB}`, '--max-semi-space-size=8'] });
    expect(serverNodeFlags({ SERVER_HEAP_MB: ' ' })).toEqual(serverNodeFlags({}));
  });

  it('takes SERVER_HEAP_MB, and 0 for V8’s own limits', () => {
    expect(serverNodeFlags({ SERVER_HEAP_MB: '512' })).toEqual({ ok: true, flags: ['--max-old-space-size=512', '--max-semi-space-size=8'] });
    expect(serverNodeFlags({ SERVER_HEAP_MB: '0' })).toEqual({ ok: true, flags: [] });
  });

  it('refuses a value that is not a usable size, saying what it must be', () => {
    for (const value of ['64', '1.5', '160MB', '-1', 'lots', '9999999']) {
      const result = serverNodeFlags({ SERVER_HEAP_MB: value });
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toContain(`"${value}"`);
    }
  });
});

describe('serverProcessEnv', () => {
  it('adds the malloc settings, and keeps any the operator set', () => {
    expect(serverProcessEnv({ PORT: '3000' })).toEqual({ PORT: '3000', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536' });
    expect(serverProcessEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX).toBe('8');
  });
});

import { describe, expect, it } from 'vitest';
import { searchFormOf, searchPath } from './search-page';

describe('searchFormOf', () => {
  it('takes the first of repeated parameters and keeps only real days', () => {
    expect(searchFormOf({ q: ['a', 'b'], section: 'politics', from: '2026-02-30', to: '2026-11-28' })).toEqual({
      q: 'a',
      section: 'politics',
      from: '',
      to: '2026-11-28',
    });
    expect(searchFormOf({ from: '28/11/2026', to: '2026-1-2' })).toEqual({ q: '', section: '', from: '', to: '' });
  });
});

describe('searchPath', () => {
  it('leaves out empty fields and page 1, and encodes the query', () => {
    expect(searchPath({ q: '', section: '', from: '', to: '' })).toBe('/search');
    expect(searchPath({ q: 'a "b" & c', section: 'world', from: '', to: '2026-01-01' }, 2)).toBe(
      '/search?q=a+%22b%22+%26+c&section=world&to=2026-01-01&page=2',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseFormValues } from './admin-form';
import { breakingNewsSchema, checkBreakingNews, expiryOf, siteLinkOf } from './breaking-news-form';

const rules = { now: Date.UTC(2026, 11, 5, 15, 0, 0), timeZone: 'Europe/London', baseUrl: 'https://news.example.com' };
const form = (values: Partial<Record<'text' | 'link' | 'expiresAt', string>>) => parseFormValues(breakingNewsSchema, { text: 'Polls close', link: '', expiresAt: '', ...values });

describe('the breaking-news text', () => {
  it('is required and short', () => {
    expect(form({ text: '   ' })).toEqual({ ok: false, errors: { text: 'The banner text cannot be empty.' } });
    expect(form({ text: 'x'.repeat(121) })).toEqual({ ok: false, errors: { text: 'The banner text can be at most 120 characters.' } });
    expect(form({ text: ` ${'x'.repeat(120)} ` })).toMatchObject({ ok: true, data: { text: 'x'.repeat(120) } });
  });
});

describe('the breaking-news link', () => {
  it('takes a path on this site, or a full address on its host as its path', () => {
    expect(siteLinkOf('', rules.baseUrl)).toEqual({ ok: true, path: null });
    expect(siteLinkOf('/politics/vote-count?x=1#update-4', rules.baseUrl)).toEqual({ ok: true, path: '/politics/vote-count?x=1#update-4' });
    expect(siteLinkOf('https://news.example.com/world/live', rules.baseUrl)).toEqual({ ok: true, path: '/world/live' });
    expect(siteLinkOf('http://NEWS.example.com/world', rules.baseUrl)).toEqual({ ok: true, path: '/world' });
  });

  it('refuses other hosts, naming the host', () => {
    const refused = siteLinkOf('https://evil.example.org/politics/x', rules.baseUrl);
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('evil.example.org is another site') });
    expect(siteLinkOf('//evil.example.org/x', rules.baseUrl)).toMatchObject({ ok: false });
    expect(siteLinkOf('https://news.example.com.evil.org/x', rules.baseUrl)).toMatchObject({ ok: false, reason: expect.stringContaining('another site') });
    expect(siteLinkOf('https://news.example.com@evil.org/x', rules.baseUrl)).toMatchObject({ ok: false, reason: expect.stringContaining('evil.org is another site') });
  });

  it('refuses other schemes, tricks browsers repair into other hosts, newsroom pages and very long links', () => {
    for (const link of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'politics/x', '/\\evil.example.org', '/ x', 'mailto:a@b.c', 'https:evil.org']) {
      expect(siteLinkOf(link, rules.baseUrl), link).toMatchObject({ ok: false, reason: expect.stringContaining('Link to a page of this site') });
    }
    expect(siteLinkOf('/admin/articles', rules.baseUrl)).toMatchObject({ ok: false, reason: expect.stringContaining('newsroom page') });
    expect(siteLinkOf(`/${'a'.repeat(300)}`, rules.baseUrl)).toEqual({ ok: false, reason: 'The link can be at most 300 characters.' });
  });
});

describe('the breaking-news expiry', () => {
  it('is read in the site’s time zone, to the second', () => {
    // 5 December: London is on UTC.
    expect(expiryOf('2026-12-05T15:00:30', rules)).toEqual({ ok: true, at: rules.now + 30_000 });
    expect(expiryOf('2026-12-05T16:30', { ...rules, timeZone: 'Europe/Berlin' })).toEqual({ ok: true, at: Date.UTC(2026, 11, 5, 15, 30) });
    expect(expiryOf('', rules)).toEqual({ ok: true, at: null });
  });

  it('refuses a time in the past (or now), and one that is not a time', () => {
    expect(expiryOf('2026-12-05T15:00', rules)).toMatchObject({ ok: false, reason: expect.stringContaining('That time has passed (it is now 2026-12-05 15:00:00 in Europe/London)') });
    expect(expiryOf('2026-12-05T14:59:59', rules)).toMatchObject({ ok: false });
    expect(expiryOf('tomorrow', rules)).toMatchObject({ ok: false, reason: expect.stringContaining('Enter a date and time such as') });
  });
});

describe('checkBreakingNews', () => {
  it('names each field that is wrong', () => {
    expect(checkBreakingNews({ text: 'Polls close', link: 'https://other.example/x', expiresAt: '2020-01-01T00:00' }, rules)).toEqual({
      ok: false,
      errors: { link: expect.stringContaining('other.example is another site'), expiresAt: expect.stringContaining('That time has passed') },
    });
    expect(checkBreakingNews({ text: 'Polls close', link: '/politics', expiresAt: '2026-12-05T16:00' }, rules)).toEqual({
      ok: true,
      text: 'Polls close',
      link: '/politics',
      expiresAt: Date.UTC(2026, 11, 5, 16),
    });
  });
});

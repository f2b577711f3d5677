import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listAudit } from '@/db/audit';
import { getBreakingNews } from '@/db/breaking-news';
import type { Db } from '@/db/client';
import { createUser } from '@/db/users';
import type { SessionUser } from '@/lib/auth/sessions';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import type { FormState } from '../forms/admin-form';
import type { FormReply } from '../forms/form-actions';
import { onSchedulerAlarm } from '../scheduler';
import { clearBreakingNewsBanner, expireBreakingNews, setBreakingNewsBanner } from './breaking-news';

const calls = vi.hoisted(() => [] as string[]);
// Next's cache functions need a request in progress: here, each call is recorded instead.
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => calls.push(`updateTag ${tag}`),
  revalidateTag: (tag: string, profile: unknown) => calls.push(`revalidateTag ${tag} ${JSON.stringify(profile)}`),
}));

const reply: FormReply = {
  refuse: (text, errors = {}) => ({ values: {}, errors, message: { kind: 'error', text }, oneTimePassword: null, answers: 1 }),
  refuseField: (field, text) => reply.refuse('fix', { [field]: text }),
  accept: (text, next) => ({ values: next.values, errors: {}, message: { kind: 'ok', text }, oneTimePassword: null, answers: 1 }),
};
const NOW = Date.UTC(2026, 11, 5, 15, 0, 0);
const database = withTestDatabase();
let db: Db;
let user: SessionUser;
beforeEach(() => {
  vi.stubEnv('SITE_TIME_ZONE', 'Europe/London');
  vi.stubEnv('BASE_URL', 'https://news.example.com');
  db = database();
  calls.length = 0;
  const id = createUser({ email: 'e@example.com', name: 'E', role: 'editor', passwordHash: 'x' }, db);
  user = { id, email: 'e@example.com', name: 'E', role: 'editor' } as SessionUser;
});

const set = (values: { text: string; link?: string; expiresAt?: string }, now = NOW): FormState =>
  setBreakingNewsBanner({ link: '', expiresAt: '', ...values }, user, reply, { now, db });
const audit = () => listAudit({ limit: 10 }, db).map((e) => [e.action, e.entity, e.userEmail, e.detail]);

describe('setting and clearing the banner', () => {
  it('stores it with an audit line, and invalidates only the banner tag', () => {
    addTestArticle(db, { slug: 'count' });
    expect(set({ text: 'Polls close', link: 'https://news.example.com/politics/count', expiresAt: '2026-12-05T16:00' }).message?.kind).toBe('ok');
    expect(getBreakingNews(db)).toEqual({ text: 'Polls close', link: '/politics/count', expiresAt: Date.UTC(2026, 11, 5, 16), setAt: NOW, setByUserId: user.id });
    expect(audit()).toEqual([['set', 'breaking-news', 'e@example.com', expect.stringContaining('“Polls close”, linking to /politics/count, until')]]);
    expect(calls).toEqual(['updateTag breaking-news']);
  });

  it('refuses a foreign link or a past expiry: nothing stored, logged or invalidated', () => {
    const refused = set({ text: 'Polls close', link: 'https://evil.example.org/', expiresAt: '2026-12-05T14:00' });
    expect(refused.message?.kind).toBe('error');
    expect(refused.errors).toEqual({ link: expect.stringContaining('evil.example.org is another site'), expiresAt: expect.stringContaining('That time has passed') });
    expect([getBreakingNews(db), audit(), calls]).toEqual([null, [], []]);
  });

  it('refuses a link no reader page answers: a draft, a story under another section, a missing section or topic', () => {
    addTestArticle(db, { slug: 'draft-story', status: 'draft', publishedAt: null });
    addTestArticle(db, { slug: 'world-story', sectionSlug: 'world' });
    const refusal = (link: string) => set({ text: 'Polls close', link }).errors?.link;
    expect(refusal('/politics/draft-story')).toBe('No published story answers at /politics/draft-story: publish it first, or check the address.');
    expect(refusal('/politics/world-story')).toBe('That story is in world: its address is /world/world-story.');
    expect(refusal('/sport')).toMatch(/^No page of this site answers at \/sport/);
    expect(refusal('/tags/nothing-here')).toMatch(/^No page of this site answers/);
    expect([getBreakingNews(db), audit(), calls]).toEqual([null, [], []]);
    for (const link of ['/', '/world', '/world/world-story#latest', '/search?q=vote', '/tags', '/authors/reporter', '/politics/page/2']) {
      expect(refusal(link), link).toBeUndefined();
    }
  });

  it('clears it with an audit line; clearing nothing logs and invalidates nothing', () => {
    set({ text: 'Polls close' });
    calls.length = 0;
    expect(clearBreakingNewsBanner(user, reply, db).message?.text).toMatch(/cleared/);
    expect(getBreakingNews(db)).toBeNull();
    expect(audit()[0]).toEqual(['cleared', 'breaking-news', 'e@example.com', '“Polls close”']);
    expect(calls).toEqual(['updateTag breaking-news']);
    calls.length = 0;
    expect(clearBreakingNewsBanner(user, reply, db).message?.text).toMatch(/no breaking news/);
    expect([audit().length, calls]).toEqual([2, []]);
  });
});

describe('the scheduler', () => {
  it('is asked for a tick at the expiry of a banner just set', () => {
    const alarms: number[] = [];
    onSchedulerAlarm((at) => alarms.push(at));
    set({ text: 'Polls close' });
    set({ text: 'Polls close', expiresAt: '2026-12-05T15:00:02' });
    expect(alarms).toEqual([NOW + 2_000]);
  });

  it('takes the banner down at its expiry, not before, as the system, and expires the banner tag', () => {
    set({ text: 'Polls close', expiresAt: '2026-12-05T15:00:10' });
    calls.length = 0;
    expect(expireBreakingNews({ now: NOW + 9_999, caller: 'route-handler', db })).toBe(false);
    expect(calls).toEqual([]);
    expect(expireBreakingNews({ now: NOW + 10_000, caller: 'route-handler', db })).toBe(true);
    expect(getBreakingNews(db)).toBeNull();
    expect(audit()[0]).toEqual(['expired', 'breaking-news', null, expect.stringContaining('“Polls close”')]);
    expect(calls).toEqual(['revalidateTag breaking-news {"expire":0}']);
  });

  it('leaves a banner without expiry up', () => {
    set({ text: 'Polls close' });
    expect(expireBreakingNews({ now: NOW + 365 * 86_400_000, caller: 'route-handler', db })).toBe(false);
    expect(getBreakingNews(db)?.text).toBe('Polls close');
  });
});

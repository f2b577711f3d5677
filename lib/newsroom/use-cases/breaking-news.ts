import type { z } from 'zod';
import { writeWithAudit } from '@/db/audit';
import { clearBreakingNews, clearExpiredBreakingNews, setBreakingNews, type BreakingNews } from '@/db/breaking-news';
import { getDb, type Db } from '@/db/client';
import { getPublishedArticleRef } from '@/db/articles/reads';
import { getAuthor } from '@/db/authors';
import { getSection } from '@/db/sections';
import { getPublicTag } from '@/db/tags';
import { invalidate, type Caller } from '@/lib/cache/invalidate';
import type { SessionUser } from '@/lib/auth/sessions';
import { siteConfig } from '@/lib/config';
import { formatDateTime } from '@/lib/dates';
import { FIX_FIELDS, type FormState } from '../forms/admin-form';
import { checkBreakingNews, emptyBreakingNewsForm, type breakingNewsSchema } from '../forms/breaking-news-form';
import type { FormReply } from '../forms/form-actions';
import { wakeSchedulerAt } from '../scheduler';

const describe = (banner: BreakingNews, timeZone: string) =>
  [`“${banner.text}”`, banner.link && `linking to ${banner.link}`, banner.expiresAt !== null && `until ${formatDateTime(banner.expiresAt, timeZone)}`]
    .filter(Boolean)
    .join(', ');

/** Reader pages whose address is one fixed word. */
const FIXED_READER_PAGES = new Set(['search', 'tags', 'authors']);

/**
 * Why no reader page answers at the banner's link, or null when one does: a story must be published (and
 * in the section its address names), a section, topic or writer must exist. Deeper addresses (a listing's
 * page 2, a feed) are taken as typed. Readers who follow a banner must never land on a 404.
 */
export function bannerLinkProblem(path: string, db: Db): string | null {
  const pathname = new URL(path, 'http://site.invalid').pathname;
  const [first, second, ...rest] = pathname.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  if (first === undefined || rest.length > 0) return null;
  const missing = `No page of this site answers at ${pathname}: check the address, or copy it from the page itself.`;
  if (second === undefined) return FIXED_READER_PAGES.has(first) || getSection(first, db) ? null : missing;
  if (first === 'tags') return getPublicTag(second, db) ? null : missing;
  if (first === 'authors') return getAuthor(second, db) ? null : missing;
  const story = getPublishedArticleRef(second, db);
  if (story?.section === first) return null;
  return story
    ? `That story is in ${story.section}: its address is /${story.section}/${second}.`
    : `No published story answers at ${pathname}: publish it first, or check the address.`;
}

/**
 * Sets the breaking-news banner (replacing any), with its audit line in the same transaction; every
 * reader page shows it at once (the banner tag). The link must be a page of this site; the expiry, in the
 * site's time zone, must be in the future.
 */
export function setBreakingNewsBanner(
  input: z.output<typeof breakingNewsSchema>,
  user: SessionUser,
  reply: FormReply,
  { now = Date.now(), db = getDb() }: { now?: number; db?: Db } = {},
): FormState {
  const { timeZone, baseUrl } = siteConfig();
  const checked = checkBreakingNews(input, { now, timeZone, baseUrl });
  if (!checked.ok) return reply.refuse(FIX_FIELDS, checked.errors);
  const linkProblem = checked.link === null ? null : bannerLinkProblem(checked.link, db);
  if (linkProblem) return reply.refuse(FIX_FIELDS, { link: linkProblem });
  const banner: BreakingNews = { text: checked.text, link: checked.link, expiresAt: checked.expiresAt, setAt: now, setByUserId: user.id };
  writeWithAudit(
    db,
    () => setBreakingNews(banner, db),
    (before) => ({ userId: user.id, action: before ? 'changed' : 'set', entity: 'breaking-news', detail: describe(banner, timeZone) }),
  );
  invalidate({ kind: 'breaking-news' }, 'server-action');
  // The scheduler takes it down: at that moment, not at its next tick.
  if (banner.expiresAt !== null) wakeSchedulerAt(banner.expiresAt);
  return reply.accept('Breaking news is on every reader page now.', { values: emptyBreakingNewsForm });
}

/** Clears the banner (audit-logged); every reader page loses it at once. */
export function clearBreakingNewsBanner(user: SessionUser, reply: FormReply, db: Db = getDb()): FormState {
  const removed = writeWithAudit(
    db,
    () => clearBreakingNews(db),
    (before) => (before ? { userId: user.id, action: 'cleared', entity: 'breaking-news', detail: describe(before, siteConfig().timeZone) } : null),
  );
  if (!removed) return reply.accept('There was no breaking news to clear (it may have expired, or someone cleared it).', { values: emptyBreakingNewsForm });
  invalidate({ kind: 'breaking-news' }, 'server-action');
  return reply.accept('Breaking news cleared: reader pages no longer show it.', { values: emptyBreakingNewsForm });
}

/**
 * The scheduler's part (app/api/internal/publish-due): takes down a banner whose expiry has come, with
 * an audit line by the system, and invalidates the pages showing it. Returns whether it did.
 */
export function expireBreakingNews({ now, caller, db = getDb() }: { now: number; caller: Caller; db?: Db }): boolean {
  const expired = writeWithAudit(
    db,
    () => clearExpiredBreakingNews(now, db),
    (banner) => (banner ? { userId: null, action: 'expired', entity: 'breaking-news', detail: describe(banner, siteConfig().timeZone) } : null),
  );
  if (!expired) return false;
  invalidate({ kind: 'breaking-news' }, caller);
  return true;
}

import { eq } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { settings } from './schema';

/**
 * The breaking-news banner: at most one, kept as one row of the `settings` table (key → JSON), so it
 * needs no table of its own. A row that does not read as a banner (edited by hand, an older shape)
 * counts as no banner: reader pages never fail on it.
 */
export interface BreakingNews {
  text: string;
  /** A path on this site ("/politics/…"), or null. */
  link: string | null;
  /** When it comes down by itself (epoch ms), or null: until cleared. */
  expiresAt: number | null;
  setAt: number;
  setByUserId: number | null;
}

const KEY = 'breaking-news';

function parse(value: string): BreakingNews | null {
  try {
    const raw = JSON.parse(value) as Partial<Record<keyof BreakingNews, unknown>>;
    const text = typeof raw.text === 'string' && raw.text.length > 0 ? raw.text : null;
    const link = typeof raw.link === 'string' && raw.link.startsWith('/') && !raw.link.startsWith('//') ? raw.link : null;
    const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    if (text === null) return null;
    return { text, link, expiresAt: time(raw.expiresAt), setAt: time(raw.setAt) ?? 0, setByUserId: time(raw.setByUserId) };
  } catch {
    return null;
  }
}

/** The banner as stored, expired or not (the newsroom shows it; readers see it only while `isShowing`). */
export function getBreakingNews(db: Db = getDb()): BreakingNews | null {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).get();
  return row ? parse(row.value) : null;
}

/** Whether readers see `banner` at `now`. */
export const isShowing = (banner: BreakingNews | null, now: number): banner is BreakingNews =>
  banner !== null && (banner.expiresAt === null || banner.expiresAt > now);

/** The banner as stored, with whether readers see it now (the newsroom's view of it). */
export function getBreakingNewsNow(now = Date.now(), db: Db = getDb()): (BreakingNews & { showing: boolean }) | null {
  const banner = getBreakingNews(db);
  return banner && { ...banner, showing: isShowing(banner, now) };
}

/** Sets (replaces) the banner; returns the one it replaced. */
export function setBreakingNews(banner: BreakingNews, db: Db = getDb()): BreakingNews | null {
  const before = getBreakingNews(db);
  const value = JSON.stringify(banner);
  db.insert(settings).values({ key: KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
  return before;
}

/** Removes the banner; returns what was removed (null: there was none). */
export function clearBreakingNews(db: Db = getDb()): BreakingNews | null {
  const before = getBreakingNews(db);
  db.delete(settings).where(eq(settings.key, KEY)).run();
  return before;
}

/** Removes the banner if it expired at or before `now`; returns it when it did. */
export function clearExpiredBreakingNews(now: number, db: Db = getDb()): BreakingNews | null {
  const banner = getBreakingNews(db);
  if (!banner || banner.expiresAt === null || banner.expiresAt > now) return null;
  db.delete(settings).where(eq(settings.key, KEY)).run();
  return banner;
}

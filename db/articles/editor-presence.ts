import { and, asc, eq, isNotNull, lt, ne } from 'drizzle-orm';
import { WRITE_TRANSACTION, type Db } from '../client';
import { articlePresence, users } from '../schema';

/** A tab that has not sent a heartbeat for this long has left (closed, crashed, asleep). */
export const PRESENCE_EXPIRES_MS = 15_000;
/** At most this many tabs are listed per article: presence is bounded however many open it. */
const MAX_TABS_LISTED = 20;

export type PresenceIntent = 'here' | 'claim' | 'takeover' | 'leave';

export interface PresenceView {
  /** Other tabs that have the article open (the same person in another tab included: `sameUser`). */
  others: { name: string; editing: boolean; sameUser: boolean }[];
  /** Who holds the article (the tab typing in it), if anyone: this tab (`self`), or another tab of this user (`sameUser`). */
  holder: { name: string; self: boolean; sameUser: boolean } | null;
  /** Set when someone took the article over from this tab. */
  takenOverBy: string | null;
}

/**
 * One heartbeat of one editor tab: records it as present, claims or takes over the article if asked,
 * forgets tabs that stopped beating, and says who else is there. Locking follows WordPress's post lock:
 * a claim succeeds only when no other live tab holds the article; a take-over always does, and the tab
 * that held it learns so on its next heartbeat.
 */
export function presenceHeartbeat(
  db: Db,
  { articleId, tabId, userId, intent, now }: { articleId: number; tabId: string; userId: number; intent: PresenceIntent; now: number },
): PresenceView {
  return db.transaction((tx) => {
    tx.delete(articlePresence).where(lt(articlePresence.lastSeen, now - PRESENCE_EXPIRES_MS)).run();
    const mine = and(eq(articlePresence.articleId, articleId), eq(articlePresence.tabId, tabId));
    if (intent === 'leave') {
      tx.delete(articlePresence).where(mine).run();
      return { others: [], holder: null, takenOverBy: null };
    }
    tx.insert(articlePresence)
      .values({ articleId, tabId, userId, lastSeen: now })
      .onConflictDoUpdate({ target: [articlePresence.articleId, articlePresence.tabId], set: { lastSeen: now, userId } })
      .run();
    const othersHolding = and(eq(articlePresence.articleId, articleId), ne(articlePresence.tabId, tabId), isNotNull(articlePresence.editingSince));
    if (intent === 'takeover') {
      tx.update(articlePresence).set({ editingSince: null, takenOverBy: userId }).where(othersHolding).run();
    }
    if (intent === 'takeover' || (intent === 'claim' && !tx.select({ tabId: articlePresence.tabId }).from(articlePresence).where(othersHolding).get())) {
      tx.update(articlePresence).set({ editingSince: now, takenOverBy: null }).where(mine).run();
    }
    const rows = tx
      .select({
        tabId: articlePresence.tabId,
        userId: articlePresence.userId,
        name: users.name,
        editingSince: articlePresence.editingSince,
        takenOverBy: articlePresence.takenOverBy,
      })
      .from(articlePresence)
      .innerJoin(users, eq(users.id, articlePresence.userId))
      .where(eq(articlePresence.articleId, articleId))
      .orderBy(asc(articlePresence.lastSeen))
      .limit(MAX_TABS_LISTED + 1)
      .all();
    const self = rows.find((row) => row.tabId === tabId);
    const holder = rows
      .filter((row) => row.editingSince !== null)
      .sort((a, b) => (b.editingSince ?? 0) - (a.editingSince ?? 0))[0];
    const takenOverBy = self?.takenOverBy
      ? (tx.select({ name: users.name }).from(users).where(eq(users.id, self.takenOverBy)).get()?.name ?? 'Someone')
      : null;
    return {
      others: rows
        .filter((row) => row.tabId !== tabId)
        .slice(0, MAX_TABS_LISTED)
        .map((row) => ({ name: row.name, editing: row.editingSince !== null, sameUser: row.userId === userId })),
      holder: holder ? { name: holder.name, self: holder.tabId === tabId, sameUser: holder.userId === userId } : null,
      takenOverBy,
    };
  }, WRITE_TRANSACTION);
}

import { getDb, type Db } from './client';

/**
 * The purge outbox (decision 22, table `purge_outbox`): purges of the caches in front of the site that are
 * waiting to be sent, one row per purger and key. lib/cache/purge.ts writes them when a change is invalidated
 * and its sender claims, sends and acknowledges them, in whichever server process; a row is deleted only
 * once its purger confirmed it, so a shutdown or a crash loses nothing.
 */

export interface QueuedPurges {
  purgers: readonly string[];
  keys: readonly string[];
  /** Whether the keys may be marked stale rather than dropped (a hard purge of the same key wins). */
  soft: boolean;
  /** When the first pass may be sent. */
  dueAt: number;
  /** When to purge the keys a second time (null: once is enough). */
  repeatAt: number | null;
  now: number;
  /** The most rows the outbox keeps: beyond it, the oldest are dropped. */
  maxRows: number;
}

/**
 * Queues `keys` at every purger in one transaction. A key already waiting at a purger is coalesced into its
 * row: due at the earlier time, repeated at the later, hard if either is, its retry count started afresh, and
 * taken back from any sender that has it in flight (that send began before this change, so it must go again).
 * Returns how many of the oldest rows were dropped to keep within `maxRows` (0 normally).
 */
export function queuePurges({ purgers, keys, soft, dueAt, repeatAt, now, maxRows }: QueuedPurges, db: Db = getDb()): number {
  if (purgers.length === 0 || keys.length === 0) return 0;
  const insert = db.$client.prepare(
    `INSERT INTO purge_outbox (purger, key, soft, due_at, repeat_at, attempts, claim_token, claimed_until, queued_at)
     VALUES (@purger, @key, @soft, @dueAt, @repeatAt, 0, NULL, 0, @now)
     ON CONFLICT (purger, key) DO UPDATE SET
       soft = min(purge_outbox.soft, excluded.soft),
       due_at = min(purge_outbox.due_at, excluded.due_at),
       repeat_at = CASE WHEN excluded.repeat_at IS NULL THEN purge_outbox.repeat_at ELSE max(coalesce(purge_outbox.repeat_at, 0), excluded.repeat_at) END,
       attempts = 0, claim_token = NULL, claimed_until = 0, queued_at = excluded.queued_at`,
  );
  return db.$client
    .transaction(() => {
      for (const purger of purgers) for (const key of keys) insert.run({ purger, key, soft: soft ? 1 : 0, dueAt, repeatAt, now });
      const over = (db.$client.prepare('SELECT count(*) FROM purge_outbox').pluck().get() as number) - maxRows;
      if (over <= 0) return 0;
      return db.$client.prepare('DELETE FROM purge_outbox WHERE rowid IN (SELECT rowid FROM purge_outbox ORDER BY queued_at, rowid LIMIT ?)').run(over).changes;
    })
    .immediate();
}

/** Makes `keys` due at every purger now, if they were held for later (the response they waited for is gone). */
export function releasePurges(purgers: readonly string[], keys: readonly string[], now: number, db: Db = getDb()): void {
  if (purgers.length === 0 || keys.length === 0) return;
  db.$client
    .prepare(
      `UPDATE purge_outbox SET due_at = @now
       WHERE due_at > @now AND attempts = 0 AND purger IN (SELECT value FROM json_each(@purgers)) AND key IN (SELECT value FROM json_each(@keys))`,
    )
    .run({ now, purgers: JSON.stringify(purgers), keys: JSON.stringify(keys) });
}

export interface ClaimedPurge {
  key: string;
  soft: boolean;
  attempts: number;
}

/**
 * Claims up to `limit` due keys of `purger` for `leaseMs` under `token` (unique to this claim): one UPDATE, so
 * of several processes claiming at once each row goes to one. A claim whose sender died runs out, and the row
 * is due again.
 */
export function claimDuePurges({ purger, now, leaseMs, limit, token }: { purger: string; now: number; leaseMs: number; limit: number; token: string }, db: Db = getDb()): ClaimedPurge[] {
  return db.$client
    .transaction(() => {
      db.$client
        .prepare(
          `UPDATE purge_outbox SET claim_token = @token, claimed_until = @until
           WHERE rowid IN (SELECT rowid FROM purge_outbox WHERE purger = @purger AND due_at <= @now AND claimed_until <= @now ORDER BY due_at LIMIT @limit)`,
        )
        .run({ token, until: now + leaseMs, purger, now, limit });
      const rows = db.$client.prepare('SELECT key, soft, attempts FROM purge_outbox WHERE purger = ? AND claim_token = ? ORDER BY key').all(purger, token) as {
        key: string;
        soft: number;
        attempts: number;
      }[];
      return rows.map((row) => ({ key: row.key, soft: row.soft === 1, attempts: row.attempts }));
    })
    .immediate();
}

/**
 * The purger confirmed `keys` (claimed under `token`): each row is deleted, or, when a repeat is asked for,
 * kept for it, due at its repeat time but not before `repeatNotBefore` (the repeat counts from the purge that
 * went through). A row queued again since the claim is no longer the claim's: it stays.
 */
export function acknowledgePurges(purger: string, token: string, keys: readonly string[], repeatNotBefore: number, db: Db = getDb()): void {
  const params = { purger, token, keys: JSON.stringify(keys) };
  const mine = 'purger = @purger AND claim_token = @token AND key IN (SELECT value FROM json_each(@keys))';
  db.$client
    .transaction(() => {
      db.$client.prepare(`DELETE FROM purge_outbox WHERE ${mine} AND repeat_at IS NULL`).run(params);
      db.$client.prepare(`UPDATE purge_outbox SET due_at = max(repeat_at, @repeatNotBefore), repeat_at = NULL, attempts = 0, claim_token = NULL, claimed_until = 0 WHERE ${mine}`).run({ ...params, repeatNotBefore });
    })
    .immediate();
}

/**
 * The purger refused or could not be reached: each key is due again at `retryAt(attempts made)`, or, when that
 * is null (tried enough), deleted. Returns the keys given up on.
 */
export function failPurges(purger: string, token: string, claimed: readonly ClaimedPurge[], retryAt: (attempts: number) => number | null, db: Db = getDb()): string[] {
  const retry = db.$client.prepare(
    'UPDATE purge_outbox SET attempts = @attempts, due_at = @dueAt, claim_token = NULL, claimed_until = 0 WHERE purger = @purger AND claim_token = @token AND key = @key',
  );
  const drop = db.$client.prepare('DELETE FROM purge_outbox WHERE purger = @purger AND claim_token = @token AND key = @key');
  return db.$client
    .transaction(() => {
      const givenUp: string[] = [];
      for (const { key, attempts } of claimed) {
        const dueAt = retryAt(attempts + 1);
        if (dueAt === null) {
          if (drop.run({ purger, token, key }).changes === 1) givenUp.push(key);
        } else retry.run({ attempts: attempts + 1, dueAt, purger, token, key });
      }
      return givenUp;
    })
    .immediate();
}

/** Gives back every row claimed under a token starting with `prefix` (a process shutting down): due again at once. */
export function releasePurgeClaims(prefix: string, db: Db = getDb()): void {
  db.$client.prepare(`UPDATE purge_outbox SET claim_token = NULL, claimed_until = 0 WHERE substr(claim_token, 1, length(@prefix)) = @prefix`).run({ prefix });
}

/**
 * At a process's start: rows waiting for a retry are due now (the purger may be back, and they waited across a
 * restart), and rows of purgers no longer configured are dropped (returned by purger, for the log).
 */
export function resumePurges(purgers: readonly string[], now: number, db: Db = getDb()): Map<string, number> {
  return db.$client
    .transaction(() => {
      db.$client.prepare('UPDATE purge_outbox SET due_at = @now WHERE attempts > 0 AND due_at > @now AND claimed_until <= @now').run({ now });
      const stale = db.$client
        .prepare('SELECT purger, count(*) AS n FROM purge_outbox WHERE purger NOT IN (SELECT value FROM json_each(?)) GROUP BY purger')
        .all(JSON.stringify(purgers)) as { purger: string; n: number }[];
      db.$client.prepare('DELETE FROM purge_outbox WHERE purger NOT IN (SELECT value FROM json_each(?))').run(JSON.stringify(purgers));
      return new Map(stale.map((row) => [row.purger, row.n]));
    })
    .immediate();
}

/** When the next row of these purgers can be sent (its due time, or its claim's end), or null when none waits. */
export function nextPurgeAt(purgers: readonly string[], db: Db = getDb()): number | null {
  const at = db.$client
    .prepare('SELECT min(max(due_at, claimed_until)) FROM purge_outbox WHERE purger IN (SELECT value FROM json_each(?))')
    .pluck()
    .get(JSON.stringify(purgers));
  return typeof at === 'number' ? at : null;
}

/** The rows waiting (for tests and operators). */
export function listQueuedPurges(db: Db = getDb()): { purger: string; key: string; soft: boolean; dueAt: number; repeatAt: number | null; attempts: number }[] {
  const rows = db.$client.prepare('SELECT purger, key, soft, due_at AS dueAt, repeat_at AS repeatAt, attempts FROM purge_outbox ORDER BY purger, key').all() as {
    purger: string;
    key: string;
    soft: number;
    dueAt: number;
    repeatAt: number | null;
    attempts: number;
  }[];
  return rows.map((row) => ({ ...row, soft: row.soft === 1 }));
}

import { getDb, type Db } from './client';

/**
 * Leases (ADR 0020): one process among several sharing this database runs a job (the scheduler). A process
 * holds the lease by taking it when it is free or expired, and keeps it by renewing it before it expires;
 * if the holder dies, another takes it over once the expiry has passed. One statement, so two processes
 * asking at the same moment cannot both get it.
 */

/** Takes or renews the lease `name` for `holder` until `now + ttlMs`; whether `holder` holds it now. */
export function holdLease(name: string, holder: string, now: number, ttlMs: number, db: Db = getDb()): boolean {
  const result = db.$client
    .prepare(
      `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expiresAt)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= @now`,
    )
    .run({ name, holder, expiresAt: now + ttlMs, now });
  return result.changes === 1;
}

/** Gives the lease up (a process shutting down), so another can take it at once. */
export function releaseLease(name: string, holder: string, db: Db = getDb()): void {
  db.$client.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
}

/** When the lease `name` runs out (epoch ms), or null when nobody has it. */
export function leaseExpiry(name: string, db: Db = getDb()): number | null {
  const expiresAt = db.$client.prepare('SELECT expires_at FROM leases WHERE name = ?').pluck().get(name);
  return typeof expiresAt === 'number' ? expiresAt : null;
}

/** Who holds the lease now, if anyone (for tests and operators). */
export function leaseHolder(name: string, now: number, db: Db = getDb()): string | null {
  const holder = db.$client.prepare('SELECT holder FROM leases WHERE name = ? AND expires_at > ?').pluck().get(name, now);
  return typeof holder === 'string' ? holder : null;
}

/**
 * A job that runs at most once per interval across every process sharing the database and across restarts, and
 * only when what it acts on changed (the trending purge, lib/cache/trending-purge.ts). The `leases` row `name`
 * holds the value acted on last and, as its expiry, the time from which the next may run. Records `value` when
 * it differs from the recorded one and that time has come (or nothing is recorded yet): one statement, so of
 * several processes asking at once one records it. Returns whether this call did, the recorded value and when
 * the next may run.
 */
export function recordOncePerInterval(
  name: string,
  value: string,
  now: number,
  intervalMs: number,
  db: Db = getDb(),
): { recorded: boolean; value: string; nextAt: number } {
  return db.$client
    .transaction(() => {
      const recorded =
        db.$client
          .prepare(
            `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @value, @nextAt)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
             WHERE leases.holder <> excluded.holder AND leases.expires_at <= @now`,
          )
          .run({ name, value, nextAt: now + intervalMs, now }).changes === 1;
      const row = db.$client.prepare('SELECT holder, expires_at AS expiresAt FROM leases WHERE name = ?').get(name) as { holder: string; expiresAt: number };
      return { recorded, value: row.holder, nextAt: row.expiresAt };
    })
    .immediate();
}

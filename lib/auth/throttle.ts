/**
 * Slows down and then stops password guessing. Failures are counted three ways:
 * - per account (lowercased email) and per client address, each on its own: after a few failures every
 *   attempt must wait, longer with each failure (up to maxDelayMs). Spreading guesses over many accounts
 *   from one address, or over many addresses against one account, meets the same delays;
 * - per account *and* address: many failures from one address against one account pause sign-in to that
 *   account from that address (a lockout). Nothing else is ever locked, so nobody can keep an account
 *   locked for its owner (who, elsewhere, waits at most maxDelayMs), and a shared address (an office, a
 *   proxy without TRUST_PROXY) is never locked for everyone.
 *
 * Where the counts live is the store's business (ThrottleStore): in memory for one process (the default,
 * and the unit tests), or in the database (lib/auth/throttle-store.ts), where every worker process of the
 * site counts the same attempts (ADR 0020). Each step (a check and its count) runs atomically in the store.
 */

export type ThrottleResult = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: string };

/** A lockout that a failure has just started, for the audit log. */
export interface LockoutReport {
  email: string;
  address: string;
  /** When sign-in to the account from the address resumes. */
  until: number;
  /** The failures that caused it, within windowMs. */
  failures: number;
  windowMs: number;
}

export interface ThrottlePolicy {
  /** Failures counted over this sliding window. */
  windowMs: number;
  /** Failures allowed in the window before every attempt must wait. */
  freeFailures: number;
  /** The first wait; it doubles with each further failure, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures in the window, from one address against one account, that refuse that pair outright for lockoutMs. */
  lockoutFailures: number;
  lockoutMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  freeFailures: 5,
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  lockoutFailures: 20,
  lockoutMs: 15 * 60_000,
};

export interface KeyState {
  /** Times of the failures still in the window, oldest first (at most MAX_KEPT_FAILURES of them). */
  failures: number[];
  lockedUntil: number;
  /** The time of the failure that started the lockout (to report it once, from that failure). */
  lockedAt: number;
}

/**
 * Where key states are kept. `set` also marks the key most recently used (the least recently used go first
 * when the store is full); `atomically` runs a step of the throttle as one, against other processes too.
 */
export interface ThrottleStore {
  /** Whether size() costs next to nothing: the throttle then checks it at every failure, not only every so often. */
  readonly sizeIsCheap: boolean;
  get(key: string): KeyState | undefined;
  set(key: string, state: KeyState, now: number): void;
  delete(key: string): void;
  size(): number;
  /** Drops keys neither locked nor failed since `staleBefore`; if more than `maxKeys` remain, the least recently set down to `targetKeys`. */
  sweep(options: { now: number; staleBefore: number; maxKeys: number; targetKeys: number }): void;
  atomically<T>(work: () => T): T;
}

/** The throttle's counts in this process's memory: for a single process, and for tests. */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly keys = new Map<string, KeyState>();
  readonly sizeIsCheap = true;
  get(key: string): KeyState | undefined {
    return this.keys.get(key);
  }
  set(key: string, state: KeyState): void {
    // Re-inserting keeps the Map in least-recently-set order for eviction.
    this.keys.delete(key);
    this.keys.set(key, state);
  }
  delete(key: string): void {
    this.keys.delete(key);
  }
  size(): number {
    return this.keys.size;
  }
  sweep({ now, staleBefore, maxKeys, targetKeys }: { now: number; staleBefore: number; maxKeys: number; targetKeys: number }): void {
    for (const [key, state] of this.keys) {
      if (state.lockedUntil <= now && (state.failures.at(-1) ?? 0) <= staleBefore) this.keys.delete(key);
    }
    if (this.keys.size <= maxKeys) return;
    for (const key of this.keys.keys()) {
      if (this.keys.size <= targetKeys) break;
      this.keys.delete(key);
    }
  }
  atomically<T>(work: () => T): T {
    return work();
  }
}

type KeyKind = 'account' | 'address' | 'pair';
type Refusal = { kind: KeyKind; waitMs: number; locked: boolean };

const SWEEP_INTERVAL_MS = 60_000;
// Or after maxKeys / SWEEP_FRACTION failures counted by this process (each adds at most 3 keys), whichever
// comes first, where the store's size costs a count: such a store holds at most 10% over maxKeys.
const SWEEP_FRACTION = 30;
// Past a few dozen failures the delay is at its cap anyway: older ones need not be kept.
const MAX_KEPT_FAILURES = 64;

function describe(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function refusalMessage({ kind, waitMs, locked }: Refusal): string {
  const tooMany = locked
    ? 'Sign-in to this account from your network is paused after too many failed attempts'
    : `Too many failed sign-ins ${kind === 'account' ? 'for this account' : 'from your network'}`;
  return `${tooMany}. Try again in ${describe(waitMs)}.`;
}

export class LoginThrottle {
  private readonly store: ThrottleStore;
  /** Attempts let through by begin() and not yet settled, per account+address pair (their times). */
  private readonly pending = new Map<string, number[]>();
  private readonly clock: () => number;
  private readonly maxKeys: number;
  private readonly policy: ThrottlePolicy;
  private lastSweep = 0;
  private failuresSinceSweep = 0;

  constructor(options: { clock?: () => number; maxKeys?: number; policy?: Partial<ThrottlePolicy>; store?: ThrottleStore } = {}) {
    this.store = options.store ?? new MemoryThrottleStore();
    this.clock = options.clock ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.policy = { ...DEFAULT_THROTTLE_POLICY, ...options.policy };
  }

  /** Whether an attempt may go ahead now. Does not count it: use begin() where requests can run concurrently. */
  check(email: string, address: string, now: number = this.clock()): ThrottleResult {
    return this.store.atomically(() => this.checkNow(email, address, now));
  }

  private checkNow(email: string, address: string, now: number): ThrottleResult {
    const refusals = [this.refusal('account', email, now), this.refusal('address', address, now), this.refusal('pair', pairKey(email, address), now)];
    const longest = refusals.reduce<Refusal | null>((a, b) => (b && (!a || b.waitMs > a.waitMs) ? b : a), null);
    if (!longest) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.ceil(longest.waitMs / 1000), reason: refusalMessage(longest) };
  }

  /**
   * check() and, when allowed, counts the attempt as a failure straight away, in one synchronous step:
   * a burst of parallel requests cannot all pass before the first wrong password is recorded.
   * recordSuccess() takes the reservation back; after a wrong password nothing more is needed
   * (a recordFailure() call then settles the reservation instead of counting twice).
   */
  begin(email: string, address: string, now: number = this.clock()): ThrottleResult {
    const result = this.store.atomically(() => {
      const checked = this.checkNow(email, address, now);
      if (checked.allowed) this.addFailures(email, address, now);
      return checked;
    });
    if (!result.allowed) return result;
    this.bound(now);
    const pair = pairKey(email, address);
    this.pending.set(pair, [...(this.pending.get(pair) ?? []), now]);
    return result;
  }

  /** Records a wrong password; returns the lockout it started, if it was the failure that started one. */
  recordFailure(email: string, address: string, now: number = this.clock()): LockoutReport | null {
    const reservedAt = this.settle(email, address);
    const lockedUntil = this.store.atomically(() => {
      let failedAt = reservedAt;
      if (failedAt === undefined) {
        this.addFailures(email, address, now);
        failedAt = now;
      }
      const key = pairKey(email, address);
      const pair = this.store.get(key);
      if (!pair || pair.lockedUntil <= now || pair.lockedAt !== failedAt) return null;
      this.store.set(key, { ...pair, lockedAt: -1 }, now);
      return pair.lockedUntil;
    });
    if (reservedAt === undefined) this.bound(now);
    if (lockedUntil === null) return null;
    return { email: email.trim().toLowerCase(), address, until: lockedUntil, failures: this.policy.lockoutFailures, windowMs: this.policy.windowMs };
  }

  /**
   * Clears the account's failures, and the pair's (its owner has proved who they are). The address keeps
   * its count, so one correct password cannot launder guesses at other accounts; only begin()'s reservation
   * is taken back.
   */
  recordSuccess(email: string, address: string): void {
    const reservedAt = this.settle(email, address);
    this.store.atomically(() => {
      this.store.delete(accountKey(email));
      this.store.delete(pairKey(email, address));
      if (reservedAt === undefined) return;
      const key = addressKey(address);
      const state = this.store.get(key);
      const index = state?.failures.lastIndexOf(reservedAt) ?? -1;
      if (state && index >= 0) this.store.set(key, { ...state, failures: state.failures.toSpliced(index, 1) }, reservedAt);
    });
  }

  /** How many keys are held (for tests and monitoring). */
  get size(): number {
    return this.store.size();
  }

  private refusal(kind: KeyKind, value: string, now: number): Refusal | null {
    const state = this.store.get(kind === 'account' ? accountKey(value) : kind === 'address' ? addressKey(value) : value);
    if (!state) return null;
    if (state.lockedUntil > now) return { kind, waitMs: state.lockedUntil - now, locked: true };
    // The pair only locks: its failures are the account's too, whose delays already apply.
    if (kind === 'pair') return null;
    const failures = this.recent(state, now);
    const over = failures.length - this.policy.freeFailures;
    const last = failures.at(-1);
    if (over < 0 || last === undefined) return null;
    const delay = Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** over);
    const waitMs = last + delay - now;
    return waitMs > 0 ? { kind, waitMs, locked: false } : null;
  }

  private recent(state: KeyState, now: number): number[] {
    const since = now - this.policy.windowMs;
    return state.failures.filter((t) => t > since);
  }

  private addFailures(email: string, address: string, now: number): void {
    this.addFailure(accountKey(email), now, false);
    this.addFailure(addressKey(address), now, false);
    this.addFailure(pairKey(email, address), now, true);
    this.failuresSinceSweep++;
  }

  private addFailure(key: string, now: number, mayLock: boolean): void {
    const state = this.store.get(key);
    // Set again even when locked: the store keeps keys in least-recently-failed order for eviction.
    if (state && state.lockedUntil > now) {
      this.store.set(key, state, now);
      return;
    }
    const failures = state ? [...this.recent(state, now), now].slice(-Math.max(MAX_KEPT_FAILURES, this.policy.lockoutFailures)) : [now];
    if (mayLock && failures.length >= this.policy.lockoutFailures) {
      this.store.set(key, { failures: [], lockedUntil: now + this.policy.lockoutMs, lockedAt: now }, now);
    } else {
      this.store.set(key, { failures, lockedUntil: 0, lockedAt: 0 }, now);
    }
  }

  /** Removes and returns the latest open reservation for this account and address (most likely the caller's). */
  private settle(email: string, address: string): number | undefined {
    const pair = pairKey(email, address);
    const times = this.pending.get(pair);
    const reservedAt = times?.pop();
    if (times?.length === 0) this.pending.delete(pair);
    return reservedAt;
  }

  private bound(now: number): void {
    const full = this.store.sizeIsCheap && this.store.size() > this.maxKeys;
    const due = full || this.failuresSinceSweep >= Math.ceil(this.maxKeys / SWEEP_FRACTION) || this.pending.size > this.maxKeys || now - this.lastSweep >= SWEEP_INTERVAL_MS;
    if (!due) return;
    this.lastSweep = now;
    this.failuresSinceSweep = 0;
    const stale = now - this.policy.windowMs;
    // Still too many live keys after the stale ones go (a flood of made-up emails): forget the ones that
    // failed longest ago, down to 90% so that the next full sweep is thousands of failures away.
    const target = Math.floor(this.maxKeys * 0.9);
    this.store.atomically(() => this.store.sweep({ now, staleBefore: stale, maxKeys: this.maxKeys, targetKeys: target }));
    for (const [pair, times] of this.pending) {
      if ((times.at(-1) ?? 0) <= stale) this.pending.delete(pair);
    }
    if (this.pending.size <= this.maxKeys) return;
    for (const key of this.pending.keys()) {
      if (this.pending.size <= target) break;
      this.pending.delete(key);
    }
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
const pairKey = (email: string, address: string) => `pair:${email.trim().toLowerCase()}\n${address}`;

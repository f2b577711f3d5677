import { createHash } from 'node:crypto';
import { oncePerProcess } from '../process-state';

/**
 * The live-update poll's answers (app/api/live/[id]/route.ts), remembered per URL until the next change
 * to any article or live blog (./invalidate.ts forgets them all): 500 readers polling every 20 s cost a map
 * lookup each, and a 304 when nothing is new, with no database query. Bounded, oldest first out.
 * Each answer's ETag is a hash of its body: a client's copy matches exactly when nothing it shows has changed.
 */

export const LIVE_POLL_MEMORY_LIMIT = 5_000;

export interface LivePollAnswer {
  body: string;
  etag: string;
}

interface LivePollMemory {
  answers: Map<string, LivePollAnswer>;
}

const memory = oncePerProcess<LivePollMemory>('live poll memory', () => ({ answers: new Map() }));

/** The remembered answer for `key`, or the one `answer` makes (null: nothing to remember, not found). */
export function cachedLivePoll(key: string, answer: () => string | null): LivePollAnswer | null {
  const known = memory.answers.get(key);
  if (known) return known;
  const body = answer();
  if (body === null) return null;
  const made = { body, etag: `"live-${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
  if (memory.answers.size >= LIVE_POLL_MEMORY_LIMIT) memory.answers.delete(memory.answers.keys().next().value as string);
  memory.answers.set(key, made);
  return made;
}

/** After a change: every poll is answered afresh. */
export function forgetLivePolls(): void {
  memory.answers.clear();
}

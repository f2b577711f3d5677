import { oncePerProcess } from '../process-state';
import { etagFor } from '../syndication/etag';

/**
 * The Content API's answers (app/api/v1/content/), remembered per URL with the cache tags of what they
 * show (the same tags reader pages carry: ./tags.ts), until `invalidate` (./invalidate.ts) names one of
 * them: a publish, edit, unpublish or trash refreshes exactly the answers showing that article or list.
 * A remembered answer costs a map lookup and no SQL; a conditional request naming its ETag gets a 304.
 * Bounded (count and bytes), least recently used out first.
 */

export const API_MEMORY_LIMIT = 5_000;
const API_MEMORY_MAX_BYTES = 64 * 1024 * 1024;

export interface ApiAnswer {
  status: number;
  body: string;
  etag: string;
  tags: readonly string[];
}

interface ApiMemory {
  answers: Map<string, ApiAnswer>;
  bytes: number;
}

const memory = oncePerProcess<ApiMemory>('content api memory', () => ({ answers: new Map(), bytes: 0 }));

function drop(key: string): void {
  const old = memory.answers.get(key);
  if (!old) return;
  memory.answers.delete(key);
  memory.bytes -= old.body.length;
}

/** The remembered answer for `key`, or the one `make` gives (then remembered). */
export function rememberedAnswer(key: string, make: () => Omit<ApiAnswer, 'etag'>): ApiAnswer & { fresh: boolean } {
  const known = memory.answers.get(key);
  if (known) {
    // Most recently used last.
    memory.answers.delete(key);
    memory.answers.set(key, known);
    return { ...known, fresh: false };
  }
  const made = make();
  const answer: ApiAnswer = { ...made, etag: etagFor(made.body) };
  memory.answers.set(key, answer);
  memory.bytes += answer.body.length;
  while (memory.answers.size > API_MEMORY_LIMIT || memory.bytes > API_MEMORY_MAX_BYTES) drop(memory.answers.keys().next().value as string);
  return { ...answer, fresh: true };
}

/** After a change: every answer carrying one of `tags` is made afresh on its next request. */
export function forgetApiAnswers(tags: readonly string[]): void {
  if (tags.length === 0 || memory.answers.size === 0) return;
  const stale = new Set(tags);
  for (const [key, answer] of memory.answers) if (answer.tags.some((tag) => stale.has(tag))) drop(key);
}

/** How many answers are remembered (tests). */
export const rememberedAnswerCount = () => memory.answers.size;

import { liveBlogPollState } from '@/db/live-blogs';
import { cachedLivePoll } from '@/lib/cache/live-poll-memory';

/**
 * The live blog's poll (components/site/LiveBlog.tsx's script, every 20-30 s): `?since=<newest id the
 * reader has>` answers {"live", "newest", "count"} with an ETag; the same question again answers 304 with
 * no body. Answers are remembered per URL until any article or live blog changes (lib/cache/invalidate.ts),
 * so a poll costs a map lookup and no database query. Cached like reader pages by a proxy in front.
 */

export const dynamic = 'force-dynamic';

const CACHE_CONTROL = 'public, max-age=0, s-maxage=5, stale-while-revalidate=30';
const MAX_ID = 2 ** 31;

const positiveInt = (raw: string | null, fallback: number | null): number | null => {
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return n < MAX_ID ? n : null;
};

export async function GET(request: Request, { params }: RouteContext<'/api/live/[id]'>) {
  const id = positiveInt((await params).id, null);
  const since = positiveInt(new URL(request.url).searchParams.get('since'), 0);
  if (!id || since === null) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'public, max-age=60' } });
  const answer = cachedLivePoll(`${id}:${since}`, () => {
    const state = liveBlogPollState(id, since);
    return state && JSON.stringify(state);
  });
  if (!answer) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'public, max-age=60' } });
  const headers = { ETag: answer.etag, 'Cache-Control': CACHE_CONTROL };
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === answer.etag)) return new Response(null, { status: 304, headers });
  return new Response(answer.body, { headers: { ...headers, 'Content-Type': 'application/json' } });
}

import { revalidateTag } from 'next/cache';
import { clientAddress } from '@/lib/auth/current-user';
import { cacheTags } from '@/lib/cache/tags';
import { trendingPurge } from '@/lib/cache/trending-purge';
import { isReader, viewCounter } from '@/lib/reader/view-counter';

const noStore = { 'Cache-Control': 'no-store' };

/** The view beacon: one article id as text. Answers 204 whether or not the view counted, so bots learn nothing. */
export async function POST(request: Request): Promise<Response> {
  // Only our own pages send views: a browser marks a request from another site as cross-site.
  if (request.headers.get('sec-fetch-site') === 'cross-site') {
    return new Response('Cross-site requests are not accepted.', { status: 403, headers: noStore });
  }
  const body = (await request.text()).slice(0, 64).trim();
  if (!/^[1-9][0-9]{0,9}$/.test(body)) {
    return new Response('Expected an article id.', { status: 400, headers: noStore });
  }
  if (isReader(request.headers.get('user-agent'))) {
    const counter = viewCounter();
    // Once per client address, article and window; ids that are not published articles count nothing.
    counter.count(Number(body), await clientAddress());
    if (counter.flushIfDue()) revalidateTag(cacheTags.trending, 'max');
    // The caches in front: a soft purge of every page showing the list, when the ranking changed, at most once per TRENDING_PURGE_MIN_S.
    trendingPurge().consider(counter.reportedRanking());
  }
  return new Response(null, { status: 204, headers: noStore });
}

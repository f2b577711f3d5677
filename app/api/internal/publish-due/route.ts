import { getBreakingNews } from '@/db/breaking-news';
import { publishDueArticles } from '@/lib/newsroom/use-cases/publish';
import { expireBreakingNews } from '@/lib/newsroom/use-cases/breaking-news';
import { isSchedulerRequest } from '@/lib/newsroom/scheduler';

/**
 * Goes live with every scheduled article whose time has come (called by server/main.ts), as the editor's
 * Publish does, and takes down a breaking-news banner whose expiry has come. `nextAt`: the banner's
 * expiry still ahead (epoch ms), or null, so the caller can tick at that moment rather than on its timer.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSchedulerRequest(request)) return new Response('Not found', { status: 404 });
  const now = Date.now();
  const published = publishDueArticles({ now, caller: 'route-handler' });
  const bannerExpired = expireBreakingNews({ now, caller: 'route-handler' });
  const nextAt = getBreakingNews()?.expiresAt ?? null;
  return Response.json({ published, bannerExpired, nextAt }, { headers: { 'Cache-Control': 'no-store' } });
}

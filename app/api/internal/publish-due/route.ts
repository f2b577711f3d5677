import { revalidateTag } from 'next/cache';
import { publishDueArticles } from '@/db/articles/writes';
import { recordAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { getEditableArticle } from '@/db/newsroom';
import { tagsToInvalidate } from '@/lib/newsroom/publishing';
import { forgetRoutingDecisions } from '@/lib/cache/routing-memory';
import { isSchedulerRequest } from '@/lib/newsroom/scheduler';

/** Goes live with every scheduled article whose time has come (called by server/main.ts). */
export async function POST(request: Request): Promise<Response> {
  if (!isSchedulerRequest(request)) return new Response('Not found', { status: 404 });
  const published = publishDueArticles(Date.now(), getDb());
  if (published.length > 0) forgetRoutingDecisions();
  for (const id of published) {
    const article = getEditableArticle(id);
    if (!article) continue;
    const placement = { ...article, status: 'published' as const };
    for (const tag of tagsToInvalidate(null, placement)) revalidateTag(tag, { expire: 0 });
    recordAudit({ userId: null, action: 'published (scheduled)', entity: 'article', entityId: id });
  }
  return Response.json({ published }, { headers: { 'Cache-Control': 'no-store' } });
}

import { publishDueArticles } from '@/lib/newsroom/use-cases/publish';
import { isSchedulerRequest } from '@/lib/newsroom/scheduler';

/** Goes live with every scheduled article whose time has come (called by server/main.ts), as the editor's Publish does. */
export async function POST(request: Request): Promise<Response> {
  if (!isSchedulerRequest(request)) return new Response('Not found', { status: 404 });
  const published = publishDueArticles({ now: Date.now(), caller: 'route-handler' });
  return Response.json({ published }, { headers: { 'Cache-Control': 'no-store' } });
}

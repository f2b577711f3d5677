import { getLiveBlogAnswer } from '@/lib/api/content';
import { ArticleIdParamsSchema } from '@/lib/api/content-schemas';
import { parseParams } from '@/lib/api/input';
import { cachedContent } from '@/lib/api/route';

/** A published live blog and its updates (lib/api/content.ts). */
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: RouteContext<'/api/v1/content/live-blogs/[id]'>) {
  const raw = await params;
  return cachedContent(request, () => getLiveBlogAnswer(parseParams(raw, ArticleIdParamsSchema).id, new URL(request.url)));
}

import { getArticle } from '@/lib/api/content';
import { ArticleIdParamsSchema } from '@/lib/api/content-schemas';
import { parseParams } from '@/lib/api/input';
import { cachedContent } from '@/lib/api/route';

/** One published article by id (lib/api/content.ts). */
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: RouteContext<'/api/v1/content/articles/[id]'>) {
  const raw = await params;
  return cachedContent(request, () => getArticle(parseParams(raw, ArticleIdParamsSchema).id, new URL(request.url)));
}

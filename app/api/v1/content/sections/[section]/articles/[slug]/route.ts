import { getArticleByPath } from '@/lib/api/content';
import { ArticlePathParamsSchema } from '@/lib/api/content-schemas';
import { parseParams } from '@/lib/api/input';
import { cachedContent } from '@/lib/api/route';

/** One published article by its section and slug (lib/api/content.ts). */
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: RouteContext<'/api/v1/content/sections/[section]/articles/[slug]'>) {
  const raw = await params;
  return cachedContent(request, () => {
    const { section, slug } = parseParams(raw, ArticlePathParamsSchema);
    return getArticleByPath(section, slug, new URL(request.url));
  });
}

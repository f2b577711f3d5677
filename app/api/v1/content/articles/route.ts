import { listArticles } from '@/lib/api/content';
import { cachedContent } from '@/lib/api/route';

/** Published articles, newest first (lib/api/content.ts). */
export const dynamic = 'force-dynamic';

export const GET = (request: Request) => cachedContent(request, () => listArticles(new URL(request.url)));

import { listTagsAnswer } from '@/lib/api/content';
import { cachedContent } from '@/lib/api/route';

/** The topics readers can see (lib/api/content.ts). */
export const dynamic = 'force-dynamic';

export const GET = (request: Request) => cachedContent(request, () => listTagsAnswer(new URL(request.url)));

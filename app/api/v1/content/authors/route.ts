import { listAuthorsAnswer } from '@/lib/api/content';
import { cachedContent } from '@/lib/api/route';

/** The writers (lib/api/content.ts). */
export const dynamic = 'force-dynamic';

export const GET = (request: Request) => cachedContent(request, () => listAuthorsAnswer(new URL(request.url)));

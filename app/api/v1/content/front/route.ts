import { getFrontAnswer } from '@/lib/api/content';
import { cachedContent } from '@/lib/api/route';

/** A front as arranged (lib/api/content.ts). */
export const dynamic = 'force-dynamic';

export const GET = (request: Request) => cachedContent(request, () => getFrontAnswer(new URL(request.url)));

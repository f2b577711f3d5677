import { listSectionsAnswer } from '@/lib/api/content';
import { cachedContent } from '@/lib/api/route';

/** The sections (lib/api/content.ts). */
export const dynamic = 'force-dynamic';

export const GET = (request: Request) => cachedContent(request, () => listSectionsAnswer(new URL(request.url)));

import { adminCall, createArticle, readArticleCreate } from '@/lib/api/admin';

/** Files a new draft (lib/api/admin.ts). `Idempotency-Key` makes a retry safe. */
export const dynamic = 'force-dynamic';

export const POST = (request: Request) => adminCall(request, { read: readArticleCreate, idempotent: true }, createArticle);

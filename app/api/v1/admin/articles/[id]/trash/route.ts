import { adminCall, articleIdOf, readVersion, trashArticle } from '@/lib/api/admin';

/** Moves an article to the trash (lib/api/admin.ts). */
export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: RouteContext<'/api/v1/admin/articles/[id]/trash'>) {
  const raw = await params;
  return adminCall(request, { read: readVersion }, (input, actor) => trashArticle(articleIdOf(raw), input, actor));
}

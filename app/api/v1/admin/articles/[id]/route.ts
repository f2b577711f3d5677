import { adminCall, articleIdOf, getArticle, noInput, readArticleUpdate, updateArticle } from '@/lib/api/admin';

/** One article as the newsroom holds it; PATCH changes its fields (lib/api/admin.ts). */
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: RouteContext<'/api/v1/admin/articles/[id]'>) {
  const raw = await params;
  return adminCall(request, { read: noInput }, (_, actor) => getArticle(articleIdOf(raw), actor));
}

export async function PATCH(request: Request, { params }: RouteContext<'/api/v1/admin/articles/[id]'>) {
  const raw = await params;
  return adminCall(request, { read: readArticleUpdate }, (input, actor) => updateArticle(articleIdOf(raw), input, actor));
}

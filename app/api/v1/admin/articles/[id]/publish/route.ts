import { adminCall, articleAction, articleIdOf, readVersion } from '@/lib/api/admin';

/** The editor's "publish" for an integration (lib/api/admin.ts). */
export const dynamic = 'force-dynamic';

const act = articleAction('publish');

export async function POST(request: Request, { params }: RouteContext<'/api/v1/admin/articles/[id]/publish'>) {
  const raw = await params;
  return adminCall(request, { read: readVersion }, (input, actor) => act(articleIdOf(raw), input, actor));
}

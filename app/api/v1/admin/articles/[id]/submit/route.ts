import { adminCall, articleAction, articleIdOf, readVersion } from '@/lib/api/admin';

/** The editor's "submit" for an integration (lib/api/admin.ts). */
export const dynamic = 'force-dynamic';

const act = articleAction('submit');

export async function POST(request: Request, { params }: RouteContext<'/api/v1/admin/articles/[id]/submit'>) {
  const raw = await params;
  return adminCall(request, { read: readVersion }, (input, actor) => act(articleIdOf(raw), input, actor));
}

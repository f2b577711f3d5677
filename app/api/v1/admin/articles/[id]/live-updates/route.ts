import { adminCall, articleIdOf, postLiveUpdate, readLiveUpdate } from '@/lib/api/admin';

/** Posts a live blog update (lib/api/admin.ts). `Idempotency-Key` makes a retry safe. */
export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: RouteContext<'/api/v1/admin/articles/[id]/live-updates'>) {
  const raw = await params;
  return adminCall(request, { read: readLiveUpdate, idempotent: true }, (input, actor) => postLiveUpdate(articleIdOf(raw), input, actor));
}

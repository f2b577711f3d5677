import { addCorrection, adminCall, articleIdOf, readCorrection } from '@/lib/api/admin';

/** Adds a public correction (lib/api/admin.ts). `Idempotency-Key` makes a retry safe. */
export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: RouteContext<'/api/v1/admin/articles/[id]/corrections'>) {
  const raw = await params;
  return adminCall(request, { read: readCorrection, idempotent: true }, (input, actor) => addCorrection(articleIdOf(raw), input, actor));
}

import { adminCall, articleIdOf, readSchedule, scheduleArticle } from '@/lib/api/admin';

/** Schedules an article to go live (lib/api/admin.ts). */
export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: RouteContext<'/api/v1/admin/articles/[id]/schedule'>) {
  const raw = await params;
  return adminCall(request, { read: readSchedule }, (input, actor) => scheduleArticle(articleIdOf(raw), input, actor));
}

import type { Metadata } from 'next';
import { DataTable } from '@/components/admin/DataTable';
import { NewerOlderLinks } from '@/components/admin/NewerOlderLinks';
import { Timestamp } from '@/components/site/Timestamp';
import { countAudit, listAudit } from '@/db/audit';
import { requireUser } from '@/lib/auth/current-user';
import { siteConfig } from '@/lib/config';
import { newsroomPages } from '@/lib/newsroom-pages';
import { parsePageNumber } from '@/lib/page-number';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: PageProps<'/admin/audit'>) {
  const { path, permission } = newsroomPages.audit;
  await requireUser(permission);
  const { page: rawPage } = await searchParams;
  const pageCount = Math.max(1, Math.ceil(countAudit() / PAGE_SIZE));
  const page = Math.min(parsePageNumber(Array.isArray(rawPage) ? rawPage[0] : rawPage) ?? 1, pageCount);
  const entries = listAudit({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const { timeZone } = siteConfig();
  const pageLink = (n: number) => (n > 1 ? `${path}?page=${n}` : path);
  return (
    <>
      <h1>Audit log</h1>
      <p>
        Everything done in the newsroom, newest first{pageCount > 1 && `: page ${page} of ${pageCount}`}.
      </p>
      <DataTable
        caption="Audit log entries, newest first"
        rows={entries}
        columns={[
          { header: 'When', cell: (e) => <Timestamp epochMs={e.createdAt} timeZone={timeZone} /> },
          // No account: the command line, a sign-in attempt for an unknown email, or an account since deleted.
          { header: 'Who', cell: (e) => e.userEmail ?? 'No account' },
          { header: 'What', cell: (e) => e.action },
          { header: 'Which', cell: (e) => (e.entityId === null ? e.entity : `${e.entity} #${e.entityId}`) },
          { header: 'Detail', cell: (e) => e.detail },
        ]}
      />
      <NewerOlderLinks label="Audit log pages" page={page} pageCount={pageCount} pageLink={pageLink} />
    </>
  );
}

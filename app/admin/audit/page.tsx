import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable } from '@/components/admin/DataTable';
import { NewerOlderLinks } from '@/components/admin/NewerOlderLinks';
import { Timestamp } from '@/components/site/Timestamp';
import { countAudit, listAudit } from '@/db/audit';
import { requireUser } from '@/lib/auth/current-user';
import { SIGN_IN_LOCKED } from '@/lib/auth/sign-in';
import { DEFAULT_THROTTLE_POLICY } from '@/lib/auth/throttle';
import { siteConfig } from '@/lib/config';
import { newsroomPages } from '@/lib/newsroom/pages';
import { parsePageNumber } from '@/lib/reader/page-number';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;
const { lockoutFailures, windowMs, lockoutMs } = DEFAULT_THROTTLE_POLICY;
const minutes = (ms: number) => Math.round(ms / 60_000);

export default async function AuditPage({ searchParams }: PageProps<'/admin/audit'>) {
  const { path, permission } = newsroomPages.audit;
  await requireUser(permission);
  const { page: rawPage, show } = await searchParams;
  // ?show=lockouts: only the sign-in lockouts (someone guessing passwords), as the dashboard's notice links.
  const lockoutsOnly = show === 'lockouts';
  const action = lockoutsOnly ? SIGN_IN_LOCKED : undefined;
  const pageCount = Math.max(1, Math.ceil(countAudit(undefined, action) / PAGE_SIZE));
  const page = Math.min(parsePageNumber(Array.isArray(rawPage) ? rawPage[0] : rawPage) ?? 1, pageCount);
  const entries = listAudit({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, action });
  const { timeZone } = siteConfig();
  const listPath = lockoutsOnly ? `${path}?show=lockouts` : path;
  const pageLink = (n: number) => (n > 1 ? `${listPath}${lockoutsOnly ? '&' : '?'}page=${n}` : listPath);
  return (
    <>
      <h1>Audit log</h1>
      <nav aria-label="Audit log entries to show" className="filters">
        <Link href={path} prefetch={false} aria-current={lockoutsOnly ? undefined : 'page'}>
          Everything
        </Link>
        <Link href={`${path}?show=lockouts`} prefetch={false} aria-current={lockoutsOnly ? 'page' : undefined}>
          Sign-in lockouts
        </Link>
      </nav>
      <p>
        {lockoutsOnly
          ? `Sign-in lockouts, newest first: ${lockoutFailures} wrong passwords for one account from one address within ${minutes(windowMs)} minutes pause sign-in to that account from that address for ${minutes(lockoutMs)} minutes`
          : 'Everything done in the newsroom, newest first'}
        {pageCount > 1 && `: page ${page} of ${pageCount}`}.
      </p>
      <DataTable
        caption={lockoutsOnly ? 'Sign-in lockouts, newest first' : 'Audit log entries, newest first'}
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

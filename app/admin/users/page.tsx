import type { Metadata } from 'next';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { DataTable } from '@/components/admin/DataTable';
import { Panel, RecordLink } from '@/components/admin/PageParts';
import { Timestamp } from '@/components/site/Timestamp';
import { listUsers } from '@/db/users';
import { initialFormState } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { siteConfig } from '@/lib/config';
import { newsroomPages } from '@/lib/newsroom/pages';
import { createAccount } from './actions';
import { emptyUserForm, newUserFields } from '@/lib/newsroom/forms/user-form';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const { path, permission } = newsroomPages.users;
  await requireUser(permission);
  const { timeZone } = siteConfig();
  return (
    <>
      <h1>Users</h1>
      <Panel id="users" title="Accounts">
        <DataTable
          caption="Newsroom accounts"
          rows={listUsers()}
          columns={[
            { header: 'Email', cell: (u) => <RecordLink listPath={path} id={u.id}>{u.email}</RecordLink> },
            { header: 'Name', cell: (u) => u.name },
            { header: 'Role', cell: (u) => u.role },
            { header: 'Status', cell: (u) => (u.disabledAt === null ? 'Active' : 'Disabled') },
            { header: 'Created', cell: (u) => <Timestamp epochMs={u.createdAt} timeZone={timeZone} /> },
          ]}
        />
      </Panel>
      <Panel id="new-user" title="New account">
        <p>A password is generated and shown once, after the account is created.</p>
        <AdminForm id="new-user" action={createAccount} initial={initialFormState(emptyUserForm)} fields={newUserFields} submitLabel="Create account" />
      </Panel>
    </>
  );
}

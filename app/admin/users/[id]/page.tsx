import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { Panel, RecordHeading } from '@/components/admin/PageParts';
import { Timestamp } from '@/components/site/Timestamp';
import { getUserListItem } from '@/db/users';
import { initialFormState, parseRecordId } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { siteConfig } from '@/lib/config';
import { newsroomPages } from '@/lib/newsroom/pages';
import { changeRole, resetPassword, setAccountDisabled } from '../actions';
import { roleField } from '@/lib/newsroom/forms/user-form';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage({ params }: PageProps<'/admin/users/[id]'>) {
  const user = await requireUser(newsroomPages.users.permission);
  const id = parseRecordId((await params).id);
  const account = id === null ? null : getUserListItem(id);
  if (!account) notFound();
  const { timeZone } = siteConfig();
  const disabled = account.disabledAt !== null;
  const yours = account.id === user.id;
  return (
    <>
      <RecordHeading title={`Account: ${account.email}`} backHref={newsroomPages.users.path} backLabel="All accounts" />
      <Panel id="account" title="Account">
        <dl className="facts">
          <dt>Name</dt>
          <dd>{account.name}</dd>
          <dt>Role</dt>
          <dd>{account.role}</dd>
          <dt>Status</dt>
          <dd>
            {disabled ? (
              <>
                Disabled since <Timestamp epochMs={account.disabledAt ?? 0} timeZone={timeZone} />
              </>
            ) : (
              'Active'
            )}
          </dd>
          <dt>Created</dt>
          <dd>
            <Timestamp epochMs={account.createdAt} timeZone={timeZone} />
          </dd>
        </dl>
      </Panel>
      <Panel id="role" title="Role">
        <AdminForm
          id="change-role"
          action={changeRole}
          initial={initialFormState({ role: account.role })}
          fields={[roleField]}
          hidden={{ id: account.id }}
          submitLabel="Change role"
        />
      </Panel>
      <Panel id="access" title={disabled ? 'Enable' : 'Disable'}>
        <p>
          {disabled
            ? 'Enabling lets the account sign in again with its password.'
            : `Disabling signs ${yours ? 'you' : 'the account'} out everywhere and stops sign-ins; nothing is deleted.`}
        </p>
        <AdminForm
          id="access"
          action={setAccountDisabled}
          initial={initialFormState()}
          hidden={{ id: account.id, disable: disabled ? 'no' : 'yes' }}
          submitLabel={disabled ? 'Enable account' : 'Disable account'}
          danger={!disabled}
        />
      </Panel>
      <Panel id="password" title="Password">
        <p>
          Sets a new generated password, shown here once, and signs the account out everywhere
          {yours ? ' except in this browser' : ''}.
        </p>
        <AdminForm id="reset-password" action={resetPassword} initial={initialFormState()} hidden={{ id: account.id }} submitLabel="Reset password" />
      </Panel>
    </>
  );
}

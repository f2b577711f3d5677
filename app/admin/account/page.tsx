import type { Metadata } from 'next';
import { PasswordForm } from '@/components/admin/PasswordForm.client';
import { requireUser } from '@/lib/auth/current-user';
import { changeOwnPassword } from './actions';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <>
      <h1>Your account</h1>
      <p>
        {user.name}, {user.email} ({user.role})
      </p>
      <h2>Change your password</h2>
      <PasswordForm changeOwnPassword={changeOwnPassword} />
    </>
  );
}

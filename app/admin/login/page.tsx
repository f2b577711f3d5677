import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/admin/SignInForm.client';
import { countUsers } from '@/db/users';
import { getCurrentUser } from '@/lib/auth/current-user';
import { signIn } from '../session-actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  if (await getCurrentUser()) redirect('/admin');
  // A new site without the demo: say so (and only that), rather than refuse every password.
  const noAccounts = countUsers() === 0;
  return (
    <div className="login">
      <h1>Sign in to the newsroom</h1>
      {noAccounts && (
        <p className="notice" id="no-accounts">
          This newsroom has no accounts yet. Whoever runs the site creates the first one on the server, with{' '}
          <code>npm run user:create -- --email … --role admin</code>.
        </p>
      )}
      <SignInForm signIn={signIn} />
    </div>
  );
}

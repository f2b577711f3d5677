import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/admin/SignInForm.client';
import { getCurrentUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  if (await getCurrentUser()) redirect('/admin');
  return (
    <div className="login">
      <h1>Sign in to the newsroom</h1>
      <SignInForm />
    </div>
  );
}

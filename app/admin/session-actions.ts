'use server';

import { redirect } from 'next/navigation';
import { clearSessionCookie, clientAddress, readSessionToken, setSessionCookie } from '@/lib/auth/current-user';
import { endSession, startSession } from '@/lib/auth/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import type { SignInState } from '@/lib/auth/form-states';


export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '').trim().slice(0, 320);
  const password = String(form.get('password') ?? '').slice(0, 1000);
  if (!email || !password) return { email, error: 'Enter your email and password.' };

  const now = Date.now();
  const result = await signInWithPassword({ email, password, address: await clientAddress(), now });
  if (!result.ok) return { email, error: result.error };
  await setSessionCookie(startSession(result.user.id, now));
  redirect('/admin');
}

export async function signOut(): Promise<void> {
  const token = await readSessionToken();
  if (token) endSession(token);
  await clearSessionCookie();
  redirect('/admin/login');
}

'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getUserByEmail } from '@/db/users';
import { recordAudit } from '@/db/audit';
import { clearSessionCookie, clientAddress, SESSION_COOKIE, setSessionCookie } from '@/lib/auth/current-user';
import { verifyPassword } from '@/lib/auth/passwords';
import { endSession, startSession } from '@/lib/auth/sessions';
import { LoginThrottle } from '@/lib/auth/throttle';
import { signInFirstWaitMs } from '@/lib/config';

export interface SignInState {
  email: string;
  error: string | null;
}

// One throttle for the process: it must see every attempt, whichever request carries it.
const holder = globalThis as typeof globalThis & { __loginThrottle?: LoginThrottle };
const throttle = (holder.__loginThrottle ??= new LoginThrottle({ policy: { firstDelayMs: signInFirstWaitMs() } }));

const FAILED = 'That email and password do not match an active account.';

export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '').trim().slice(0, 320);
  const password = String(form.get('password') ?? '').slice(0, 1000);
  if (!email || !password) return { email, error: 'Enter your email and password.' };

  const address = await clientAddress();
  const now = Date.now();
  const gate = throttle.begin(email, address, now);
  if (!gate.allowed) return { email, error: gate.reason };

  const user = getUserByEmail(email);
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid || user.disabledAt !== null) {
    recordAudit({ userId: user?.id ?? null, action: 'sign-in failed', entity: 'user', entityId: user?.id ?? null });
    return { email, error: FAILED };
  }
  throttle.recordSuccess(email, address);
  await setSessionCookie(startSession(user.id, now));
  recordAudit({ userId: user.id, action: 'signed in', entity: 'user', entityId: user.id });
  redirect('/admin');
}

export async function signOut(): Promise<void> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (token) endSession(token);
  await clearSessionCookie();
  redirect('/admin/login');
}

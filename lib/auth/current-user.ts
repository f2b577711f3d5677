import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { CLIENT_ADDRESS_HEADER, siteConfig } from '@/lib/config';
import { can, type Permission } from './roles';
import { resumeSession, SESSION_COOKIE, SESSION_MS, type SessionUser } from './sessions';

export { SESSION_COOKIE };

/**
 * The newsroom session in Next: the cookie holds a random token (only its hash is stored). Readers never
 * get one, so their pages stay cookie-free; a caching proxy should pass requests that carry it through.
 */

export async function getCurrentUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? resumeSession(token) : null;
}

/** The signed-in user, or a redirect to the sign-in page; with a permission, a redirect home when it is missing. */
export async function requireUser(permission?: Permission): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/admin/login');
  if (permission && !can(user.role, permission)) redirect('/admin?denied=1');
  return user;
}

async function isHttps(): Promise<boolean> {
  return (await headers()).get('x-forwarded-proto') === 'https' || siteConfig().baseUrl.startsWith('https:');
}

export async function setSessionCookie(token: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: await isHttps(),
    path: '/',
    maxAge: SESSION_MS / 1000,
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });
}

/** The client's address for throttling, as scripts/server.ts recorded it (a client cannot set it). */
export async function clientAddress(): Promise<string> {
  return (await headers()).get(CLIENT_ADDRESS_HEADER) || 'unknown';
}

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { CLIENT_ADDRESS_HEADER, siteConfig } from '@/lib/config';
import { can, type Permission } from './roles';
import { resumeSession, sessionCookieName, SESSION_MS, type SessionUser } from './sessions';

/**
 * The newsroom session in Next: the cookie holds a random token (only its hash is stored). Readers never
 * get one, so their pages stay cookie-free; a caching proxy should pass requests that carry it through.
 */

/** The session token this request carries, under the cookie name for the request (`__Host-` over HTTPS). */
export async function readSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName(await isHttps()))?.value;
}

export async function getCurrentUser(): Promise<SessionUser | null> {
  const token = await readSessionToken();
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
  const https = await isHttps();
  (await cookies()).set(sessionCookieName(https), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: https,
    path: '/',
    maxAge: SESSION_MS / 1000,
  });
}

export async function clearSessionCookie(): Promise<void> {
  const https = await isHttps();
  (await cookies()).set(sessionCookieName(https), '', { httpOnly: true, sameSite: 'lax', secure: https, path: '/', maxAge: 0 });
}

/** The client's address for throttling, as server/main.ts recorded it (a client cannot set it). */
export async function clientAddress(): Promise<string> {
  return (await headers()).get(CLIENT_ADDRESS_HEADER) || 'unknown';
}

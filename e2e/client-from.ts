import http from 'node:http';
import https from 'node:https';
import { findForm, noticeText, setField } from '../test/support/form-client';

/**
 * Requests sent from a chosen loopback address (any 127.x.y.z is this machine), so a test can be several
 * clients to nginx, which then sees each one's own address, as it would see readers on the internet.
 */

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function requestFrom(
  source: string,
  url: string,
  { method = 'GET', headers = {}, body, timeoutMs = 15_000 }: { method?: string; headers?: Record<string, string>; body?: Buffer | string; timeoutMs?: number } = {},
): Promise<Answer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method,
        localAddress: source,
        headers: { ...headers, ...(body !== undefined && { 'Content-Length': String(Buffer.byteLength(body)) }) },
        // The test proxy's certificate is self-signed.
        rejectUnauthorized: false,
        agent: false,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within ${timeoutMs / 1000} s`)));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * One sign-in from `source`, as a browser without JavaScript posts the form: the status, the message the
 * sign-in page answers with (null when there is none: signed in) and the cookie set. `origin` is the site's
 * address as the browser knows it.
 */
export async function signInFrom(
  source: string,
  baseUrl: string,
  { email, password = 'not the password', origin = baseUrl, headers = {} }: { email: string; password?: string; origin?: string; headers?: Record<string, string> },
): Promise<{ status: number; error: string | null; setCookie: string[] }> {
  const page = await requestFrom(source, `${baseUrl}/admin/login`, { headers });
  if (page.status !== 200) throw new Error(`the sign-in page answered ${page.status}`);
  const form = findForm(page.body, 'email');
  setField(form, 'email', email);
  setField(form, 'password', password);
  const data = new FormData();
  for (const field of form.fields) data.append(field.name, field.value);
  const encoded = new Response(data);
  const body = Buffer.from(await encoded.arrayBuffer());
  const answer = await requestFrom(source, `${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': encoded.headers.get('content-type') ?? '', Origin: origin },
    body,
  });
  if (answer.status !== 200 && answer.status !== 303) throw new Error(`the sign-in form answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  return { status: answer.status, error: noticeText(answer.body, 'error'), setCookie: answer.headers['set-cookie'] ?? [] };
}

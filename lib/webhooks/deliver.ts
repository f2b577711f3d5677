import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { forbiddenAddressReason, hostOf } from './address-policy';

/**
 * One HTTP attempt of a webhook (ADR 0025): POST the body with its signed headers, follow no redirect,
 * give up after `timeoutMs`, keep at most `SNIPPET_BYTES` of the answer. The host is resolved here and
 * EVERY address it resolves to is checked (unless private addresses are allowed); the connection then
 * goes to the checked address itself, so a name that resolves to a public address when checked and a
 * private one when connecting (DNS rebinding) reaches nothing it should not.
 */

export const SNIPPET_BYTES = 1_024;
export const ATTEMPT_TIMEOUT_MS = 10_000;

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string;
  durationMs: number;
  responseSnippet: string;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** The address to connect to, or why none may be used. */
export async function checkedAddress(host: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<{ address: string; family: number } | { refused: string }> {
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    return { refused: `cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  if (addresses.length === 0) return { refused: `${host} has no address` };
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const reason = forbiddenAddressReason(address);
      if (reason) return { refused: `refused: ${host} resolves to ${reason}` };
    }
  }
  return addresses[0]!;
}

export async function sendWebhook(
  { url: rawUrl, headers, body, allowPrivate, timeoutMs = ATTEMPT_TIMEOUT_MS, resolve = systemResolver }: {
    url: string;
    headers: Record<string, string>;
    body: string;
    allowPrivate: boolean;
    timeoutMs?: number;
    resolve?: Resolver;
  },
): Promise<AttemptOutcome> {
  const started = performance.now();
  const done = (rest: Omit<AttemptOutcome, 'durationMs'>): AttemptOutcome => ({ ...rest, durationMs: Math.round(performance.now() - started) });
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return done({ ok: false, statusCode: null, error: 'not a valid URL', responseSnippet: '' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return done({ ok: false, statusCode: null, error: 'only http and https URLs are sent to', responseSnippet: '' });
  const host = hostOf(url);
  const target = await checkedAddress(host, allowPrivate, resolve);
  if ('refused' in target) return done({ ok: false, statusCode: null, error: target.refused, responseSnippet: '' });

  // Every connection this request makes goes to the address checked above, whatever DNS says now.
  const lookup: LookupFunction = (_name, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptOutcome>((resolveOutcome) => {
    let settled = false;
    const settle = (outcome: Omit<AttemptOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolveOutcome(done(outcome));
    };
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        lookup,
        agent: false,
        headers: { 'content-type': 'application/json', 'user-agent': 'CRBC-News-Webhooks/1', 'content-length': String(Buffer.byteLength(body)), ...headers },
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const responseSnippet = Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8');
          const ok = statusCode >= 200 && statusCode < 300;
          settle({ ok, statusCode, error: ok ? '' : statusCode >= 300 && statusCode < 400 ? 'redirect not followed' : '', responseSnippet });
        };
        response.on('data', (chunk: Buffer) => {
          if (size < SNIPPET_BYTES) chunks.push(chunk);
          size += chunk.length;
          // The rest of a large answer is never read.
          if (size >= SNIPPET_BYTES) finish();
        });
        response.on('end', finish);
        response.on('error', finish);
      },
    );
    const timer = setTimeout(() => settle({ ok: false, statusCode: null, error: `no answer within ${timeoutMs / 1000} s`, responseSnippet: '' }), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => settle({ ok: false, statusCode: null, error: error.code ?? error.message, responseSnippet: '' }));
    request.end(body);
  });
}

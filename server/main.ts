import '@/server/source-maps';
import http, { STATUS_CODES } from 'node:http';
import cluster from 'node:cluster';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import next from 'next';
import { PHASE_PRODUCTION_SERVER } from 'next/constants';
import nextConfig from '@/next.config';
import { BUILT_CONFIG_ENV, builtNextConfig } from '@/server/built-next-config';
import { countQueriesInto, type QueryTally } from '@/db/query-count';
import { DEFAULT_PASSWORD_HASH_COST, passwordHashCostLog2 } from '@/lib/auth/passwords';
import { resumeSession, sessionCookieHeader, sessionTokenFromCookieHeader } from '@/lib/auth/sessions';
import { carriesLiveIntegrationKey } from '@/lib/auth/integration-keys';
import { badFormRequest, readActionNames } from '@/server/action-requests';
import { addressKey, clientAddressOf, trustedProxyHops } from '@/server/client-address';
import { CLIENT_ADDRESS_HEADER, siteConfig } from '@/lib/config';
import { renderErrorPage } from '@/server/error-page';
import { sendPageOnFault } from '@/server/fault-pages';
import { cacheControlFor, isNotModified } from '@/server/http-caching';
import { readBuiltRoutes, routeFinder } from '@/server/next-routes';
import { isNewsroomPath } from '@/lib/paths';
import { refuseBody, refuseMethod } from '@/server/request-limits';
import { openRequestLog, requestLogLine } from '@/server/request-log';
import { readerPolicy, securityHeadersFor } from '@/server/security-headers';
import { serveReaderHtml } from '@/server/reader-html';
import { routeReaderRequest } from '@/server/reader-routing';
import { startSchedulerTimer } from '@/server/scheduler-timer';
import { startWebhookSender } from '@/lib/webhooks/sender';
import { CACHE_TAGS_HEADER, responseKeys, splitTags, surrogateKeyStyle, surrogateKeyValue } from '@/lib/cache/surrogate-keys';
import { cachedRoutingDecision, forgetRoutingDecisions } from '@/lib/cache/routing-memory';
import { forgetLivePolls } from '@/lib/cache/live-poll-memory';
import { forgetApiAnswers } from '@/lib/cache/api-memory';
import { purgeQueue } from '@/lib/cache/purge';
import { trendingPurge } from '@/lib/cache/trending-purge';
import { listenToOtherWorkers } from '@/lib/worker-bus';
import { holdLease, leaseExpiry, releaseLease } from '@/db/leases';
import { onSchedulerAlarm, SCHEDULER_HEADER, SCHEDULER_PATH, SCHEDULER_TOKEN_ENV } from '@/lib/newsroom/scheduler';

/**
 * The production server: Next's request handler behind our own URL routing (server/reader-routing.ts).
 * `npm run serve` runs it; it is what `npm start`, the tests and the benchmark start.
 */
const port = Number(process.env.PORT) || 3000;
if (passwordHashCostLog2() < DEFAULT_PASSWORD_HASH_COST) {
  console.warn(`Passwords are hashed at scrypt N=2^${passwordHashCostLog2()} (PASSWORD_HASH_COST): a cost for test sites, never for a real one.`);
}
// Before Next loads: its route handlers read the token from this process's environment. Workers share the
// one their primary made (server/cluster.ts): a tick is a request to the port, which any worker may answer.
if (!cluster.isWorker || !process.env[SCHEDULER_TOKEN_ENV]) process.env[SCHEDULER_TOKEN_ENV] = randomBytes(32).toString('base64url');
const hostname = process.env.HOST || '127.0.0.1';
const root = path.resolve(import.meta.dirname, '..');
// The build Next serves is where next.config.ts puts it (NEXT_DIST_DIR for tests and benchmarks).
const distDir = path.join(root, process.env.NEXT_DIST_DIR || '.next');
process.env[BUILT_CONFIG_ENV] = JSON.stringify(builtNextConfig(distDir, nextConfig(PHASE_PRODUCTION_SERVER)));
const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const findRoute = routeFinder(readBuiltRoutes(distDir));
const actionNames = readActionNames(distDir);

// Behind TRUST_PROXY=N reverse proxies, the client is the address the nearest of them saw (server/client-address.ts),
// and X-Forwarded-Proto says whether the reader is on HTTPS; without TRUST_PROXY both headers are ignored.
const proxyHops = trustedProxyHops(process.env.TRUST_PROXY);
const clientAddressKey = (request: http.IncomingMessage) =>
  addressKey(clientAddressOf(request.headers['x-forwarded-for'], request.socket.remoteAddress, proxyHops)) || 'unknown';

const httpsSite = (process.env.BASE_URL ?? '').startsWith('https:');
const isHttps = (request: http.IncomingMessage) => httpsSite || (proxyHops > 0 && request.headers['x-forwarded-proto'] === 'https');
const writeRequestLog = openRequestLog(process.env.REQUEST_LOG);

// SURROGATE_KEY_HEADER: the header a tag-aware cache in front reads (xkey, Surrogate-Key, Cache-Tag), or none (decision 0022).
const surrogateKeys = surrogateKeyStyle();
// The purgers, PURGE_REPEAT_MS and TRENDING_PURGE_MIN_S: a setting it cannot read stops the start, not a request.
const purges = purgeQueue();
trendingPurge();

/** A reader response's surrogate keys, from its page's tag marks or its route's named tags; the internal header never leaves. */
function nameSurrogateKeys(response: http.ServerResponse, markedTags: string[]): void {
  const namedTags = splitTags(response.getHeader(CACHE_TAGS_HEADER)?.toString());
  response.removeHeader(CACHE_TAGS_HEADER);
  if (!surrogateKeys) return;
  const value = surrogateKeyValue(responseKeys({ status: response.statusCode, markedTags, namedTags }), surrogateKeys);
  if (value !== null) response.setHeader(surrogateKeys.header, value);
}

/**
 * Sliding sessions: each newsroom request with a valid session moves the stored expiry on (resumeSession)
 * and the cookie's with it, so someone who keeps working stays signed in. (A page cannot set cookies.)
 */
function keepSessionAlive(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  if (!request.url?.startsWith('/admin')) return false;
  const https = isHttps(request);
  const token = sessionTokenFromCookieHeader(request.headers.cookie, https);
  if (!token || !resumeSession(token)) return false;
  response.setHeader('Set-Cookie', sessionCookieHeader(token, https));
  return true;
}

/**
 * Decides the status line's last details as the head is written (Next writes it, implicitly or not, through
 * writeHead): the status a routing decision imposes (410 for a removed article, rendered by a page Next
 * answers 200), a 304 for a conditional request naming the ETag of a document Next does not check itself
 * (feeds, sitemaps: Node then drops the body), and the Cache-Control the address gets (server/http-caching.ts).
 */
function finishHeadWith(request: http.IncomingMessage, response: http.ServerResponse, pathname: string, status: number | undefined): void {
  const writeHead = response.writeHead.bind(response) as (code: number, ...rest: unknown[]) => http.ServerResponse;
  response.writeHead = ((code: number, ...rest: unknown[]) => {
    let finalCode = status !== undefined && code === 200 ? status : code;
    if (finalCode === 200 && isNotModified(request.headers['if-none-match'], response.getHeader('etag')?.toString())) {
      finalCode = 304;
      response.removeHeader('Content-Length');
    }
    const cacheControl = cacheControlFor(pathname, finalCode);
    const headers = rest.find((arg): arg is Record<string, unknown> => typeof arg === 'object' && arg !== null && !Array.isArray(arg));
    if (headers) for (const name of Object.keys(headers)) if (name.toLowerCase() === 'cache-control') delete headers[name];
    if (cacheControl) response.setHeader('Cache-Control', cacheControl);
    return writeHead(finalCode, ...rest);
  }) as typeof response.writeHead;
}

/**
 * Security headers on every response (server/security-headers.ts), and the newsroom's nonce handed to Next;
 * a reader page goes out without Next's client runtime, under a policy with the hashes of its own inline
 * scripts (server/reader-html.ts).
 */
function secure(request: http.IncomingMessage, response: http.ServerResponse, pathname: string): void {
  const headers = securityHeadersFor(pathname, { https: isHttps(request) });
  for (const [name, value] of Object.entries(headers.response)) response.setHeader(name, value);
  for (const [name, value] of Object.entries(headers.request)) request.headers[name] = value;
  if (!isNewsroomPath(pathname)) serveReaderHtml(request, response, readerPolicy, nameSurrogateKeys);
}

/** The whole body of a request whose length was checked against its limit (refuseBody). */
async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A request like `request` whose body is `body`, read already: what Next is handed after the body was checked. */
function withBody(request: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  const replay = new http.IncomingMessage(request.socket);
  Object.assign(replay, { method: request.method, url: request.url, headers: request.headers, rawHeaders: request.rawHeaders, httpVersion: request.httpVersion, httpVersionMajor: request.httpVersionMajor, httpVersionMinor: request.httpVersionMinor });
  // Complete: an incoming message that ends incomplete counts as aborted and takes the connection down with it.
  replay.complete = true;
  replay.push(body);
  replay.push(null);
  return replay;
}

/**
 * Gives the request an id (X-Request-Id) and logs it as one JSON line once it is answered, with the
 * SQL statements run for it: returns the id and the tally to count them into.
 */
function logRequest(request: http.IncomingMessage, response: http.ServerResponse, pathname: string): { id: string; tally: QueryTally } {
  const id = randomUUID();
  const tally: QueryTally = { count: 0, ms: 0 };
  response.setHeader('X-Request-Id', id);
  if (!writeRequestLog) return { id, tally };
  const started = performance.now();
  response.once('close', () => {
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const entry = { time: new Date().toISOString(), id, method: request.method ?? '', path: pathname, status: response.statusCode, ms, queries: tally.count, queryMs: Math.round(tally.ms * 10) / 10, pid: process.pid };
    writeRequestLog(requestLogLine(entry));
  });
  return { id, tally };
}

// Made once, at start: the error page must need nothing (the database, Next) that may be what fails.
const errorPages = (() => {
  const { name, language } = siteConfig();
  const stylesheet = fs.readFileSync(path.join(root, 'app', 'styles.css'), 'utf8');
  const page = (newsroom: boolean) => renderErrorPage({ siteName: name, language, stylesheet, newsroom });
  return { reader: page(false), newsroom: page(true) };
})();

/** Our checks and routing in front of Next's handler; a fault in any of them is the caller's to answer. */
async function serve(request: http.IncomingMessage, response: http.ServerResponse, url: string, pathname: string): Promise<void> {
  const refuse = (status: number, message: string, allow?: string) => {
    // Connection: close, so the rest of a body still on its way is never read. The API's clients get problem+json (lib/api/problem.ts).
    const api = pathname.startsWith('/api/v1/');
    const headers = { 'Content-Type': api ? 'application/problem+json' : 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close', ...(allow && { Allow: allow }) };
    response.writeHead(status, headers).end(api ? JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail: message }) : message);
  };
  const methodRefusal = refuseMethod(request.method, pathname);
  if (methodRefusal) return refuse(methodRefusal.status, methodRefusal.message, methodRefusal.allow);
  const signedIn = keepSessionAlive(request, response);
  // An Admin API request with a live key may carry an article (1 MB) or an image; without one, 16 KB.
  const integration = pathname.startsWith('/api/v1/admin/') && carriesLiveIntegrationKey(request.headers.authorization);
  const bodyRefusal = refuseBody(pathname, request.headers, { signedIn, integration });
  if (bodyRefusal) return refuse(bodyRefusal.status, bodyRefusal.message);
  // Only the address and scheme this server decided on reach Next (the session cookie's Secure, the throttle).
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressKey(request);
  request.headers['x-forwarded-proto'] = isHttps(request) ? 'https' : 'http';
  if (request.method === 'POST' && isNewsroomPath(pathname)) {
    const body = await readBody(request);
    const actionId = request.headers['next-action'];
    const problem = await badFormRequest({ contentType: request.headers['content-type'], actionId: Array.isArray(actionId) ? actionId[0] : actionId, body }, actionNames);
    if (problem) return refuse(400, problem);
    request = withBody(request, body);
  }
  const decision = cachedRoutingDecision(url, (address) => routeReaderRequest(address, findRoute));
  if ('redirect' in decision) {
    response.writeHead(301, { Location: decision.redirect, 'Cache-Control': 'public, max-age=3600' }).end();
    return;
  }
  finishHeadWith(request, response, pathname, decision.status);
  request.url = decision.rewrite;
  await handle(request, response);
}

const server = http.createServer((request, response) => {
  const url = request.url ?? '/';
  const pathname = url.split('?', 1)[0] ?? '/';
  const { id, tally } = logRequest(request, response, pathname);
  secure(request, response, pathname);
  sendPageOnFault(request, response, pathname, isNewsroomPath(pathname) ? errorPages.newsroom : errorPages.reader);
  countQueriesInto(tally, () => serve(request, response, url, pathname)).catch((error: unknown) => {
    // For the operator, with the id the reader's answer carries (X-Request-Id); the reader gets the error page.
    console.error(`Request ${id} (${request.method} ${pathname}) failed:`, error);
    if (response.headersSent) response.destroy();
    else response.writeHead(500, { 'Cache-Control': 'no-store' }).end();
  });
});
server.once('error', (error) => {
  console.error(`Cannot serve on ${hostname}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`Listening on http://${hostname}:${port}`);
  startScheduler();
  // Webhook deliveries, in the background: claimed from the outbox with a lease, so one process sends each (ADR 0025).
  webhookSender = startWebhookSender({ pollMs: Number(process.env.WEBHOOKS_POLL_MS) || 1_000 });
  // Purges of the caches in front wait in an outbox: what an earlier process left is sent now (decision 22).
  purges.start();
});

let webhookSender: ReturnType<typeof startWebhookSender> | undefined;

let scheduler: ReturnType<typeof startSchedulerTimer> | undefined;
const SCHEDULER_LEASE = 'scheduler';
// This process, as the scheduler lease's holder (a pid alone could come back after a restart).
const leaseHolder = `${process.pid}-${randomUUID()}`;

/**
 * Publishes scheduled articles on time: at start (catching up after a restart), then every few seconds,
 * and takes a breaking-news banner down at its expiry (a tick at that moment: server/scheduler-timer.ts).
 * Every worker keeps the timer, but only the one holding the scheduler's lease ticks (ADR 0020): it renews
 * the lease at each tick, and another worker takes it over when it lapses (the holder died).
 */
function startScheduler() {
  const intervalMs = Number(process.env.SCHEDULER_INTERVAL_MS) || 5_000;
  // Three ticks: a holder busy for a moment keeps it; one that died is replaced within three intervals.
  const leaseMs = 3 * intervalMs;
  scheduler = startSchedulerTimer({
    intervalMs,
    tick: async () => {
      // Not the holder: try again when the holder's lease runs out (it renews it first if it is alive).
      if (!holdLease(SCHEDULER_LEASE, leaseHolder, Date.now(), leaseMs)) return { nextAt: leaseExpiry(SCHEDULER_LEASE) };
      const response = await fetch(`http://${hostname}:${port}${SCHEDULER_PATH}`, {
        method: 'POST',
        headers: { [SCHEDULER_HEADER]: process.env[SCHEDULER_TOKEN_ENV] ?? '' },
      });
      const { nextAt } = (await response.json()) as { nextAt?: unknown };
      return { nextAt: typeof nextAt === 'number' ? nextAt : null };
    },
  });
  // A banner set with an expiry (in a server action of this process, or of another worker: the bus) asks
  // for a tick at that moment.
  onSchedulerAlarm((at) => scheduler?.at(at));
}

// What the other workers tell this one (lib/worker-bus.ts): their invalidations, and their banners' expiries.
listenToOtherWorkers((message) => {
  if (message.kind === 'forget-routing') forgetRoutingDecisions();
  else if (message.kind === 'forget-live-polls') forgetLivePolls();
  else if (message.kind === 'forget-api-answers') forgetApiAnswers(message.tags);
  else scheduler?.at(message.at);
});

let shuttingDown = false;
function shutDown() {
  // Once: SIGINT from a terminal reaches the workers and their primary, which then sends SIGTERM too.
  if (shuttingDown) return;
  shuttingDown = true;
  // No scheduler tick against a server that is closing; another worker (or the next start) takes the lease at once.
  scheduler?.stop();
  void webhookSender?.stop();
  // Purges not yet confirmed stay in the outbox for the next start (or another worker).
  void purges.stop();
  try {
    releaseLease(SCHEDULER_LEASE, leaseHolder);
  } catch (error) {
    console.error('Could not give up the scheduler lease (it lapses by itself):', error);
  }
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open; give in-flight requests a moment, then go.
  setTimeout(() => process.exit(0), 5_000).unref();
  server.closeIdleConnections();
}
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);

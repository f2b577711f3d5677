import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a CDN's purge API (Fastly's, Cloudflare's) on a loopback port: it records every request
 * whole and answers each with the next scripted answer (the last one repeats), so a test can check the
 * exact requests an adapter sends and how it takes refusals.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body?: unknown;
}

export interface FakePurgeApi {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the scripted answers. */
  answerWith(...answers: Answer[]): void;
  stop(): Promise<void>;
}

export async function startFakePurgeApi(...answers: Answer[]): Promise<FakePurgeApi> {
  return startFakePurgeApiAt({ host: '127.0.0.1', port: 0 }, ...answers);
}

/** The same, on a given address and port (a purger the site was configured with before it came up). */
export async function startFakePurgeApiAt({ host, port: wanted }: { host: string; port: number }, ...answers: Answer[]): Promise<FakePurgeApi> {
  const requests: RecordedRequest[] = [];
  let script = answers.length > 0 ? answers : [{ status: 200, body: { status: 'ok' } }];
  let served = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = script[Math.min(served++, script.length - 1)]!;
      response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    answerWith(...next) {
      script = next;
      served = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import http from 'node:http';
import net from 'node:net';

/**
 * HTTP requests whose target goes on the wire byte for byte (fetch and Playwright's request context
 * parse and re-encode URLs: `%2F`, `%FF`, `..` or `*` would not arrive as written). Targets with a
 * character Node's client refuses to send (a space, a control character) go over a bare socket.
 */

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequest {
  method?: string;
  target: string;
  body?: string;
  headers?: Record<string, string>;
}

// The characters Node's http client puts in a request line (lib/_http_client.js INVALID_PATH_REGEX).
const SENDABLE = /^[\u0021-\u00ff]*$/;

export function rawClient(baseUrl: string, { maxSockets = 8 } = {}) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });

  function overAgent({ method = 'GET', target, body, headers = {} }: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const request = http.request({ agent, host: hostname, port, method, path: target, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      });
      request.setTimeout(30_000, () => request.destroy(new Error(`no answer within 30 s to ${method} ${target.slice(0, 100)}`)));
      request.on('error', reject);
      request.end(body);
    });
  }

  /** One request, one connection; the answer is parsed just enough to read its status line. */
  function overSocket({ method = 'GET', target, body = '' }: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname);
      const chunks: Buffer[] = [];
      const lengthLine = body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : '';
      socket.end(Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n${lengthLine}\r\n${body}`, 'latin1'));
      socket.setTimeout(30_000, () => socket.destroy(new Error(`no answer within 30 s to ${method} ${target.slice(0, 100)}`)));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('end', () => {
        const answer = Buffer.concat(chunks);
        const headEnd = answer.indexOf('\r\n\r\n');
        const head = answer.subarray(0, headEnd === -1 ? answer.length : headEnd).toString('latin1').split('\r\n');
        const headers: http.IncomingHttpHeaders = {};
        for (const line of head.slice(1)) {
          const colon = line.indexOf(':');
          if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
        }
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0), headers, body: headEnd === -1 ? Buffer.alloc(0) : answer.subarray(headEnd + 4) });
      });
    });
  }

  return {
    send: (request: RawRequest) => (SENDABLE.test(request.target) ? overAgent(request) : overSocket(request)),
    close: () => agent.destroy(),
  };
}

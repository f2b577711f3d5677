import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A real webhook receiver on loopback for the end-to-end test and the latency figure: records every POST
 * (headers, body, when), answers with `status` (settable: 500 to make the site retry), and checks
 * signatures with the Standard Webhooks library, as a real receiver would.
 */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  type: string;
  receivedAt: number;
  answered: number;
  headers: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status the next requests get. */
  status: number;
  /** Whether a delivery's signature verifies with `secret` (throws nothing). */
  verifies(delivery: ReceivedWebhook, secret: string): boolean;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = {
    url: '',
    received: [] as ReceivedWebhook[],
    status: 200,
    verifies(delivery: ReceivedWebhook, secret: string) {
      try {
        new Webhook(secret).verify(delivery.body, delivery.headers);
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {},
  };
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const header = (name: string) => String(request.headers[name] ?? '');
      let type = '';
      try {
        type = String((JSON.parse(body) as { type?: unknown }).type ?? '');
      } catch {
        // Recorded as is.
      }
      const answered = receiver.status;
      receiver.received.push({
        id: header('webhook-id'),
        timestamp: header('webhook-timestamp'),
        signature: header('webhook-signature'),
        body,
        type,
        receivedAt: Date.now(),
        answered,
        headers: { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') },
      });
      response.writeHead(answered, { 'Content-Type': 'text/plain' }).end(answered < 300 ? 'thanks' : 'receiver down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/news`;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return receiver;
}

import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Signing per the Standard Webhooks spec (https://www.standardwebhooks.com), with its own library:
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the
 * endpoint's secret, `whsec_` + base64 of 24 random bytes. Receivers verify with the same library.
 */
export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

export const newMessageId = (): string => `msg_${randomBytes(16).toString('base64url')}`;

/** The headers of one attempt: the same id every time, a fresh timestamp and signature. */
export function signedHeaders(secret: string, messageId: string, at: Date, payload: string): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, at, payload),
  };
}

import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { forbiddenAddressReason, webhookUrlProblem } from './address-policy';
import { checkedAddress } from './deliver';
import { JITTER, nextRetryAt, RETRY_SCHEDULE_MS, retrySchedule, shouldPause } from './retry-policy';
import { newMessageId, newWebhookSecret, signedHeaders } from './signing';

describe('signing (Standard Webhooks)', () => {
  it('makes whsec_ secrets whose signatures the same library verifies, and a changed body or secret fails', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const body = JSON.stringify({ type: 'article.published', timestamp: new Date().toISOString(), data: { id: 1 } });
    const headers = signedHeaders(secret, newMessageId(), new Date(), body);
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('1', '2'), headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('signs with the time given: a signature from ten minutes ago is refused by a receiver', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders(secret, 'msg_1', new Date(Date.now() - 10 * 60_000), '{}');
    expect(() => new Webhook(secret).verify('{}', headers)).toThrow(/timestamp/i);
  });
});

describe('retry schedule', () => {
  it('retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (a little over a day), then gives up', () => {
    expect(RETRY_SCHEDULE_MS).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(24 * 3_600_000);
    RETRY_SCHEDULE_MS.forEach((wait, i) => expect(nextRetryAt(i + 1, 0, RETRY_SCHEDULE_MS, 0.5)).toBe(wait));
    expect(nextRetryAt(RETRY_SCHEDULE_MS.length + 1, 0)).toBeNull();
  });

  it('jitters each wait by up to ±20 %', () => {
    expect(nextRetryAt(2, 1_000, RETRY_SCHEDULE_MS, 0)).toBe(1_000 + 300_000 * (1 - JITTER));
    expect(nextRetryAt(2, 1_000, RETRY_SCHEDULE_MS, 0.999_999)).toBeCloseTo(1_000 + 300_000 * (1 + JITTER), -1);
    const samples = new Set(Array.from({ length: 20 }, () => nextRetryAt(3, 0)));
    expect(samples.size).toBeGreaterThan(1);
  });

  it('takes a short schedule from WEBHOOKS_RETRY_SCHEDULE_MS (tests), ignoring a broken one', () => {
    expect(retrySchedule({ WEBHOOKS_RETRY_SCHEDULE_MS: '100, 200,400' })).toEqual([100, 200, 400]);
    expect(retrySchedule({ WEBHOOKS_RETRY_SCHEDULE_MS: '100,soon' })).toBe(RETRY_SCHEDULE_MS);
    expect(retrySchedule({})).toBe(RETRY_SCHEDULE_MS);
  });

  it('pauses an endpoint failing for a day', () => {
    expect(shouldPause(0, 24 * 3_600_000 - 1)).toBe(false);
    expect(shouldPause(0, 24 * 3_600_000)).toBe(true);
  });
});

describe('addresses a webhook may not reach (SSRF)', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '255.255.255.255',
    '224.0.0.251', '192.0.2.10', '198.18.0.1', '240.0.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::ffff:7f00:1',
    '64:ff9b::7f00:1', '2002:7f00:1::1', '2001::1',
  ])('%s is refused', (address) => {
    expect(forbiddenAddressReason(address)).not.toBeNull();
  });

  it.each(['8.8.8.8', '93.184.215.14', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is allowed', (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });

  it('refuses a name when ANY of its addresses is private, and allows it when the admin-only setting says so', async () => {
    const resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    expect(await checkedAddress('mixed.example', false, resolve)).toEqual({ refused: expect.stringContaining('10.0.0.5') });
    expect(await checkedAddress('mixed.example', true, resolve)).toEqual({ address: '93.184.215.14', family: 4 });
    expect(await checkedAddress('v6.example', false, async () => [{ address: '::ffff:127.0.0.1', family: 6 }])).toEqual({ refused: expect.stringContaining('127.0.0.1') });
  });

  it('checks the URL as typed: http(s) only, no credentials, no local names or private literals', () => {
    expect(webhookUrlProblem('https://hooks.example.com/news', false)).toBeNull();
    expect(webhookUrlProblem('ftp://hooks.example.com/', false)).toMatch(/http/);
    expect(webhookUrlProblem('file:///etc/passwd', false)).toMatch(/http/);
    expect(webhookUrlProblem('javascript:alert(1)', false)).toMatch(/http/);
    expect(webhookUrlProblem('https://user:pw@hooks.example.com/', false)).toMatch(/password/);
    expect(webhookUrlProblem('http://localhost:8080/', false)).toMatch(/Refused/);
    expect(webhookUrlProblem('http://intranet/', false)).toMatch(/Refused/);
    expect(webhookUrlProblem('http://[::1]/', false)).toMatch(/Refused/);
    expect(webhookUrlProblem('http://[::ffff:192.168.0.1]/', false)).toMatch(/Refused/);
    expect(webhookUrlProblem('http://169.254.169.254/latest/meta-data', false)).toMatch(/Refused/);
    expect(webhookUrlProblem('not a url', false)).toMatch(/full address/);
    expect(webhookUrlProblem('http://127.0.0.1:9/', true)).toBeNull();
  });
});

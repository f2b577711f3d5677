import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createArticle, newArticleArguments } from '@/db/articles/writes';
import { createUser } from '@/db/users';
import { insertWebhookEndpoint } from '@/db/webhooks';
import { webhookEventTypes } from '@/db/schema';
import { hashPassword } from '@/lib/auth/passwords';
import { newWebhookSecret } from '@/lib/webhooks/signing';
import { findForm, FormClient } from '@/test/support/form-client';
import { prepareFreshSite, startSite, type SiteOptions } from '@/test/support/site-server';
import { startWebhookReceiver } from '@/test/support/webhook-receiver';
import { percentiles } from './lib/timing';

/**
 * Webhooks, measured (issue 19): publish → webhook received. On a freshly seeded and built site of its own,
 * with a real receiver on loopback (WEBHOOKS_ALLOW_PRIVATE=1) subscribed to every event, an editor publishes
 * N drafts one after another through the editor's own form (its server action over HTTP, as a browser
 * without JavaScript does); each time is from pressing Publish to the receiver holding the signed
 * `article.published` (its signature checked). p50 and max.
 *
 *   npx tsx scripts/webhook-latency.ts [--publishes 20] [--port 3545]
 */

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const PUBLISHES = option('publishes', 20);
const PORT = option('port', 3545);

const receiver = await startWebhookReceiver();
const secret = newWebhookSecret();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-webhook-bench-'));
const site: SiteOptions = { dataDir, distDir: '.next-webhook-bench', port: PORT, env: { WEBHOOKS_ALLOW_PRIVATE: '1' } };
const editor = { email: 'webhook.bench@example.test', password: randomBytes(18).toString('base64url') };
const draftIds: number[] = [];
console.log(`Seeding and building into ${site.distDir} (data in ${dataDir}) ...`);
await prepareFreshSite(site, async (db) => {
  createUser({ email: editor.email, name: 'Bench Editor', role: 'editor', passwordHash: await hashPassword(editor.password) }, db);
  insertWebhookEndpoint({ name: 'bench receiver', url: receiver.url, events: [...webhookEventTypes], secret }, db);
  const authorSlug = db.$client.prepare('select slug from authors order by id limit 1').pluck().get() as string;
  for (let n = 1; n <= PUBLISHES; n++) {
    draftIds.push(
      createArticle(
        ...newArticleArguments(db, {
          slug: `webhook-bench-story-${n}`,
          sectionSlug: 'science',
          status: 'draft',
          headline: `Webhook Bench Story Number ${n} For The Figure`,
          summary: 'A story published to measure how soon a webhook arrives.',
          body: 'First paragraph.\n\nSecond paragraph.',
          authorSlugs: [authorSlug],
          tagNames: [],
          publishedAt: null,
          updatedAt: Date.now(),
        }),
      ),
    );
  }
});
const running = await startSite(site);
try {
  const client = new FormClient(running.url, 30_000);
  await client.signIn(editor);
  const times: number[] = [];
  for (const id of draftIds) {
    const editorPage = await client.get(`/admin/articles/${id}`);
    const form = findForm(editorPage.html, 'headline');
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
    const before = receiver.received.length;
    const pressed = Date.now();
    const answer = await client.submit(editorPage, form, 'Publish');
    if (!answer.html.includes('Published: it is live now.')) throw new Error(`article ${id} was not published (status ${answer.status})`);
    for (;;) {
      const got = receiver.received.slice(before).find((d) => d.type === 'article.published' && d.body.includes(`"id":${id},`));
      if (got) {
        if (!receiver.verifies(got, secret)) throw new Error('a delivery did not verify');
        times.push(got.receivedAt - pressed);
        break;
      }
      if (Date.now() - pressed > 10_000) throw new Error(`no webhook for article ${id} within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  const { p50 } = percentiles(times);
  console.log(`publish → webhook received, ${PUBLISHES} publishes: p50 ${p50} ms, max ${Math.max(...times)} ms`);
} finally {
  await running.stop();
  await receiver.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(path.join(process.cwd(), site.distDir), { recursive: true, force: true });
}

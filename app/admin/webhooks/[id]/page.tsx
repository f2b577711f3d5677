import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { Panel, RecordHeading } from '@/components/admin/PageParts';
import { WebhookDeliveryLog } from '@/components/admin/WebhookDeliveryLog';
import { Timestamp } from '@/components/site/Timestamp';
import { getWebhookEndpoint, listDeliveries } from '@/db/webhooks';
import { requireUser } from '@/lib/auth/current-user';
import { siteConfig } from '@/lib/config';
import { initialFormState, parseRecordId } from '@/lib/newsroom/forms/admin-form';
import { webhookEventLabels } from '@/lib/newsroom/forms/webhook-form';
import { WEBHOOK_SECRET_NOTICE } from '@/lib/newsroom/forms/webhook-secret';
import { newsroomPages } from '@/lib/newsroom/pages';
import { deleteWebhookEndpoint, pauseWebhookEndpoint, replayWebhookDelivery, rotateWebhookSecret } from '../actions';

export const metadata: Metadata = { title: 'Webhook endpoint' };

/** How many deliveries the log shows (newest first). */
const LOG_SIZE = 50;

export default async function WebhookEndpointPage({ params }: PageProps<'/admin/webhooks/[id]'>) {
  await requireUser(newsroomPages.webhooks.permission);
  const id = parseRecordId((await params).id);
  const endpoint = id === null ? null : getWebhookEndpoint(id);
  if (!endpoint) notFound();
  const { timeZone } = siteConfig();
  const paused = endpoint.pausedAt !== null;
  return (
    <>
      <RecordHeading title={`Webhook: ${endpoint.name}`} backHref={newsroomPages.webhooks.path} backLabel="All endpoints" />
      <Panel id="endpoint" title="Endpoint">
        {paused && (
          <p className="notice notice--error" role="status">
            Paused since <Timestamp epochMs={endpoint.pausedAt ?? 0} timeZone={timeZone} />. {endpoint.pausedReason}
          </p>
        )}
        {!paused && endpoint.failingSince !== null && (
          <p className="notice notice--error" role="status">
            Failing since <Timestamp epochMs={endpoint.failingSince} timeZone={timeZone} />: deliveries are retried, and the endpoint is paused after a day of failures.
          </p>
        )}
        <dl className="facts">
          <dt>URL</dt>
          <dd>
            <code>{endpoint.url}</code>
          </dd>
          <dt>Events</dt>
          <dd>
            <ul>
              {endpoint.events.map((type) => (
                <li key={type}>
                  <code>{type}</code>: {webhookEventLabels[type] ?? type}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Status</dt>
          <dd>{paused ? 'Paused' : 'Active'}</dd>
          <dt>Added</dt>
          <dd>
            <Timestamp epochMs={endpoint.createdAt} timeZone={timeZone} />
          </dd>
        </dl>
      </Panel>
      <Panel id="pause" title={paused ? 'Resume' : 'Pause'}>
        <p>{paused ? 'Resuming sends new events again, and the deliveries still pending.' : 'While paused, no events are queued for it and nothing is sent.'}</p>
        <AdminForm id="pause" action={pauseWebhookEndpoint} initial={initialFormState()} hidden={{ id: endpoint.id, pause: paused ? 'no' : 'yes' }} submitLabel={paused ? 'Resume endpoint' : 'Pause endpoint'} />
      </Panel>
      <Panel id="secret" title="Signing secret">
        <p>Makes a new secret, shown here once; the old one stops working at once (retries too are signed with the new one).</p>
        <AdminForm id="rotate-secret" action={rotateWebhookSecret} initial={initialFormState()} hidden={{ id: endpoint.id }} submitLabel="Rotate secret" oneTime={WEBHOOK_SECRET_NOTICE} />
      </Panel>
      <Panel id="deliveries" title="Delivery log">
        <WebhookDeliveryLog endpointId={endpoint.id} deliveries={listDeliveries(endpoint.id, LOG_SIZE)} timeZone={timeZone} replay={replayWebhookDelivery} />
      </Panel>
      <Panel id="delete" title="Delete">
        <p>Deletes the endpoint and its delivery log; pending deliveries are dropped.</p>
        <AdminForm id="delete-endpoint" action={deleteWebhookEndpoint} initial={initialFormState()} hidden={{ id: endpoint.id }} submitLabel="Delete endpoint" danger />
      </Panel>
    </>
  );
}

import type { Metadata } from 'next';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { DataTable } from '@/components/admin/DataTable';
import { Panel, RecordLink } from '@/components/admin/PageParts';
import { listWebhookEndpoints } from '@/db/webhooks';
import { requireUser } from '@/lib/auth/current-user';
import { initialFormState } from '@/lib/newsroom/forms/admin-form';
import { emptyEndpointForm, newEndpointFields } from '@/lib/newsroom/forms/webhook-form';
import { WEBHOOK_SECRET_NOTICE } from '@/lib/newsroom/forms/webhook-secret';
import { newsroomPages } from '@/lib/newsroom/pages';
import { addWebhookEndpoint } from './actions';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage({ searchParams }: PageProps<'/admin/webhooks'>) {
  const { path, permission } = newsroomPages.webhooks;
  await requireUser(permission);
  const { done } = await searchParams;
  return (
    <>
      <h1>Webhooks</h1>
      {done === 'deleted' && (
        <p className="notice notice--ok" role="status">
          Endpoint deleted, with its delivery log.
        </p>
      )}
      <p>
        Other software hears of every publish, update, unpublish, trash, live update and front change here: each event is sent as a signed POST
        (Standard Webhooks), retried for a day when the receiver fails, and logged.
      </p>
      <Panel id="endpoints" title="Endpoints">
        <DataTable
          caption="Webhook endpoints"
          rows={listWebhookEndpoints()}
          columns={[
            { header: 'Name', cell: (e) => <RecordLink listPath={path} id={e.id}>{e.name}</RecordLink> },
            { header: 'URL', cell: (e) => <code>{e.url}</code> },
            { header: 'Events', cell: (e) => e.events.join(', ') },
            { header: 'Status', cell: (e) => (e.pausedAt === null ? (e.failingSince === null ? 'Active' : 'Active, failing') : 'Paused') },
          ]}
        />
      </Panel>
      <Panel id="new-endpoint" title="New endpoint">
        <p>A signing secret is made and shown once, after the endpoint is added.</p>
        <AdminForm
          id="new-endpoint"
          action={addWebhookEndpoint}
          initial={initialFormState(emptyEndpointForm)}
          fields={newEndpointFields}
          submitLabel="Add endpoint"
          oneTime={WEBHOOK_SECRET_NOTICE}
        />
      </Panel>
    </>
  );
}

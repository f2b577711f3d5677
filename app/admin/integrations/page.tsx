import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { DataTable } from '@/components/admin/DataTable';
import { Panel } from '@/components/admin/PageParts';
import { Timestamp } from '@/components/site/Timestamp';
import { listIntegrations } from '@/db/integrations';
import { initialFormState } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { siteConfig } from '@/lib/config';
import { newsroomPages } from '@/lib/newsroom/pages';
import { emptyIntegrationForm, newIntegrationFields } from '@/lib/newsroom/forms/integration-form';
import { createIntegration, revokeIntegration } from './actions';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage() {
  await requireUser(newsroomPages.integrations.permission);
  const { timeZone } = siteConfig();
  const integrations = listIntegrations();
  return (
    <>
      <h1>Integrations</h1>
      <p>
        Software that files and publishes through the Admin API (<code>/api/v1/admin</code>, described at{' '}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>) uses a key made here. It acts with the role you give it, and the audit log names it.
        Software that should hear of every publish gets a webhook instead: see <Link href="/admin/webhooks" prefetch={false}>Webhooks</Link>.
      </p>
      <Panel id="keys" title="Keys">
        <DataTable
          caption="Integration keys"
          rows={integrations}
          columns={[
            { header: 'Name', cell: (i) => i.name },
            { header: 'Role', cell: (i) => i.role },
            { header: 'Key', cell: (i) => <code>{i.keyPrefix}…</code> },
            { header: 'Created', cell: (i) => <Timestamp epochMs={i.createdAt} timeZone={timeZone} /> },
            { header: 'Last used', cell: (i) => (i.lastUsedAt === null ? 'Never' : <Timestamp epochMs={i.lastUsedAt} timeZone={timeZone} />) },
            {
              header: 'Status',
              cell: (i) =>
                i.revokedAt === null ? (
                  <AdminForm id={`revoke-${i.id}`} action={revokeIntegration} initial={initialFormState()} hidden={{ id: i.id }} submitLabel={`Revoke the key of ${i.name}`} danger />
                ) : (
                  <>
                    Revoked <Timestamp epochMs={i.revokedAt} timeZone={timeZone} />
                  </>
                ),
            },
          ]}
        />
      </Panel>
      <Panel id="new-key" title="New key">
        <p>The key is shown once, after it is made: copy it into the integration&apos;s settings then. Only a hash of it is kept.</p>
        <AdminForm id="new-key" action={createIntegration} initial={initialFormState(emptyIntegrationForm)} fields={newIntegrationFields} submitLabel="Create key" oneTime={{ label: 'Integration key', hint: 'Copy it now into the software that will use it: it is stored only as a hash and will not be shown again.' }} />
      </Panel>
    </>
  );
}

import type { z } from 'zod';
import { writeWithAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { insertIntegration, listIntegrations, revokeIntegration } from '@/db/integrations';
import { integrationAccountEmail, newIntegrationKey } from '@/lib/auth/integration-keys';
import type { SessionUser } from '@/lib/auth/sessions';
import type { FormState } from '../forms/admin-form';
import type { FormReply } from '../forms/form-actions';
import { emptyIntegrationForm, type newIntegrationSchema, type revokeIntegrationSchema } from '../forms/integration-form';

/**
 * Integration keys (admins, at /admin/integrations): made with a name and a role, shown once, revoked at
 * once. Each is audited in the same transaction. Keys change no reader page: nothing to invalidate.
 */

/** Makes an integration and its key; the key is in the answer, once (the form shows it like a one-time password). */
export function createIntegrationKey(input: z.output<typeof newIntegrationSchema>, user: SessionUser, reply: FormReply, now: number = Date.now()): FormState {
  const { key, keyHash, keyPrefix } = newIntegrationKey();
  const db = getDb();
  writeWithAudit(
    db,
    () => insertIntegration({ name: input.name, role: input.role, keyHash, keyPrefix, accountEmail: integrationAccountEmail(input.name), createdBy: user.id, now }, db),
    (id) => ({ userId: user.id, action: 'integration key created', entity: 'integration', entityId: id, detail: `${input.name} as ${input.role} (${keyPrefix}…)` }),
  );
  return reply.accept(`Key created for ${input.name} (${input.role}). Copy it now: it is shown only once. Send it as "Authorization: Bearer <key>".`, {
    values: emptyIntegrationForm,
    oneTimePassword: key,
  });
}

/** Revokes a key: the next request made with it is refused (401). */
export function revokeIntegrationKey({ id }: z.output<typeof revokeIntegrationSchema>, user: SessionUser, reply: FormReply, now: number = Date.now()): FormState {
  const integration = listIntegrations().find((i) => i.id === id);
  if (!integration || integration.revokedAt !== null) return reply.refuse('This key does not exist or was revoked already.');
  const db = getDb();
  const revoked = writeWithAudit(
    db,
    () => revokeIntegration(id, now, db),
    (done) => (done ? { userId: user.id, action: 'integration key revoked', entity: 'integration', entityId: id, detail: `${integration.name} (${integration.keyPrefix}…)` } : null),
  );
  if (!revoked) return reply.refuse('This key does not exist or was revoked already.');
  return reply.accept(`The key of ${integration.name} is revoked: it no longer works.`, { values: {} });
}

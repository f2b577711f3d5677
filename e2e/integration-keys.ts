import path from 'node:path';
import { openDatabase } from '@/db/client';
import { insertIntegration, revokeIntegration } from '@/db/integrations';
import { integrationAccountEmail, newIntegrationKey } from '@/lib/auth/integration-keys';
import { e2eSite } from './site';

/** An Admin API key made straight in the test site's database, as /admin/integrations would make it. */
export function makeIntegrationKey(name: string, role: 'writer' | 'editor', { revoked = false } = {}): string {
  const db = openDatabase(path.join(e2eSite.dataDir, 'news.db'));
  try {
    const made = newIntegrationKey();
    const id = insertIntegration({ name, role, keyHash: made.keyHash, keyPrefix: made.keyPrefix, accountEmail: integrationAccountEmail(name), createdBy: null, now: Date.now() }, db);
    if (revoked) revokeIntegration(id, Date.now(), db);
    return made.key;
  } finally {
    db.$client.close();
  }
}

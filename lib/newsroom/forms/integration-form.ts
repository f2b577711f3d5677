import { z } from 'zod';
import { integrationRoles } from '@/db/schema';
import { formFields, type FieldSpec } from '@/lib/newsroom/forms/admin-form';

/** The Integrations page's forms (app/admin/integrations/): a new key, and revoking one. */

const roleDescriptions = {
  writer: 'Writer: files and edits its own drafts, submits them for review, uploads images',
  editor: 'Editor: also publishes, schedules, unpublishes, trashes, corrects any article and posts live updates',
} as const;

export const newIntegrationFields: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', autoComplete: 'off', hint: 'What it is, as the audit log will name it: "Wire importer", "Mobile app".' },
  { name: 'role', label: 'Role', kind: 'select', options: integrationRoles.map((role) => ({ value: role, label: roleDescriptions[role] })) },
];

export const emptyIntegrationForm = { name: '', role: 'writer' };

export const newIntegrationSchema = z.object({
  name: formFields.requiredText('The name', 80),
  role: z.enum(integrationRoles, 'Choose a role from the list.'),
});

export const revokeIntegrationSchema = z.object({ id: formFields.recordId });

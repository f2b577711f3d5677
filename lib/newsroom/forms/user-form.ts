import { z } from 'zod';
import { userRoles } from '@/db/schema';
import { formFields, type FieldSpec, type FormValues } from '@/lib/newsroom/forms/admin-form';

const roleDescriptions = {
  writer: 'Writer: writes and submits their own articles',
  editor: 'Editor: edits and publishes any article; manages sections, tags and authors',
  admin: 'Admin: everything, including accounts and the audit log',
} as const;

export const roleField: FieldSpec = {
  name: 'role',
  label: 'Role',
  kind: 'select',
  options: userRoles.map((role) => ({ value: role, label: roleDescriptions[role] })),
};

export const newUserFields: readonly FieldSpec[] = [
  { name: 'email', label: 'Email', kind: 'email', autoComplete: 'off', hint: 'They sign in with it.' },
  { name: 'name', label: 'Name', autoComplete: 'off' },
  roleField,
];

const role = z.enum(userRoles, 'Choose a role from the list.');

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, 'The email address is too long.').pipe(z.email('Enter an email address, like name@example.com.')),
  name: formFields.requiredText('The name', 100),
  role,
});

export const roleSchema = z.object({ id: formFields.recordId, role });

/** Which way the access form goes is the page's reading of the account; who may send it is checked by the action. */
export const accessSchema = z.object({
  id: formFields.recordId,
  disable: z.enum(['yes', 'no']).transform((value) => value === 'yes'),
});

export const accountSchema = z.object({ id: formFields.recordId });

export const emptyUserForm: FormValues = { email: '', name: '', role: 'writer' };

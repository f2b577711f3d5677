import type { z } from 'zod';
import { getCurrentUser } from '../../auth/current-user';
import { can, type Permission } from '../../auth/roles';
import type { SessionUser } from '../../auth/sessions';
import { FIX_FIELDS, parseFormValues, readFormValues, type FormErrors, type FormState, type FormValues } from './admin-form';

/** How a newsroom form action answers: refusing (the form kept as typed) or accepting. */
export interface FormReply {
  refuse: (text: string, errors?: FormErrors) => FormState;
  /** Refuses with a message next to one field. */
  refuseField: (field: string, text: string) => FormState;
  /** Accepts; `values` are what the form shows next (the saved record, or empty for a new one). */
  accept: (text: string, next: { values: FormValues; oneTimePassword?: string }) => FormState;
}

export const SIGNED_OUT = 'You have been signed out. Sign in again in another tab, then send the form again: your text is still here.';
export const NOT_ALLOWED = 'Your role does not allow that.';

/**
 * Runs one submit of a newsroom form on the server: reads exactly the schema's fields, checks that the
 * signed-in user (never anything the form says) has `permission`, validates with `schema`, and hands the
 * valid input to `apply` (a use case in ./use-cases/), which writes with its audit line and invalidates the pages it changed.
 */
export async function handleNewsroomForm<Schema extends z.ZodObject>(
  previous: FormState,
  form: FormData,
  permission: Permission,
  schema: Schema,
  apply: (input: z.output<Schema>, user: SessionUser, reply: FormReply) => FormState | Promise<FormState>,
): Promise<FormState> {
  const values = readFormValues(form, Object.keys(schema.shape));
  // `previous` comes from the browser (React sends it back with each submit): only its count is reused.
  const answers = (Number.isSafeInteger(previous?.answers) ? previous.answers : 0) + 1;
  const reply: FormReply = {
    refuse: (text, errors = {}) => ({ values, errors, message: { kind: 'error', text }, oneTimePassword: null, answers }),
    refuseField: (field, text) => reply.refuse(FIX_FIELDS, { [field]: text }),
    accept: (text, next) => ({
      values: next.values,
      errors: {},
      message: { kind: 'ok', text },
      oneTimePassword: next.oneTimePassword ?? null,
      answers,
    }),
  };
  const user = await getCurrentUser();
  if (!user) return reply.refuse(SIGNED_OUT);
  if (!can(user.role, permission)) return reply.refuse(NOT_ALLOWED);
  const parsed = parseFormValues(schema, values);
  if (!parsed.ok) return reply.refuse(FIX_FIELDS, parsed.errors);
  return apply(parsed.data, user, reply);
}

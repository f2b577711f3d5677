import { z } from 'zod';

/**
 * The newsroom's management forms (sections, tags, authors, accounts): plain forms posting to server
 * actions, so they work without JavaScript. Values travel as the strings the browser sent, so a refused
 * form comes back exactly as typed, with each message next to its field.
 */

export type FormValues = Record<string, string>;
export type FormErrors = Partial<Record<string, string>>;

export interface FormState {
  values: FormValues;
  errors: FormErrors;
  message: { kind: 'ok' | 'error'; text: string } | null;
  /** A generated password, shown in the answer to the one submit that set it and kept nowhere else in clear. */
  oneTimePassword: string | null;
  /**
   * Counts the server's answers. The fields are re-created with each answer's values: a mounted select
   * ignores a new defaultValue, and the form reset React does after a submit would bring back the old one.
   */
  answers: number;
}

export type FormAction = (previous: FormState, form: FormData) => Promise<FormState>;

/** How one field is shown; the form component renders every kind with its label, hint and message. */
export interface FieldSpec {
  name: string;
  label: string;
  /** A checkbox posts 'yes' when ticked (nothing when not: the value is then ''). */
  kind?: 'text' | 'email' | 'number' | 'textarea' | 'select' | 'checkbox';
  hint?: string;
  options?: readonly { value: string; label: string }[];
  autoComplete?: string;
}

export const FIX_FIELDS = 'Some fields need attention: see the messages next to them.';

export function initialFormState(values: FormValues = {}, message: FormState['message'] = null): FormState {
  return { values, errors: {}, message, oneTimePassword: null, answers: 0 };
}

// Long enough for any field here (a bio is the longest); a larger post is cut rather than echoed back whole.
const MAX_VALUE_LENGTH = 20_000;

/** The named fields of a submitted form, as typed (line endings normalised). */
export function readFormValues(form: FormData, names: readonly string[]): FormValues {
  return Object.fromEntries(
    names.map((name) => {
      const value = form.get(name);
      return [name, typeof value === 'string' ? value.replace(/\r\n/g, '\n').slice(0, MAX_VALUE_LENGTH) : ''];
    }),
  );
}

/** Validates form values with a zod object: its output, or one message for each field that is wrong. */
export function parseFormValues<Schema extends z.ZodObject>(
  schema: Schema,
  values: FormValues,
): { ok: true; data: z.output<Schema> } | { ok: false; errors: FormErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A database id sent in a form or a URL: a positive integer, or null. */
export function parseRecordId(raw: unknown): number | null {
  return typeof raw === 'string' && /^[1-9][0-9]{0,14}$/.test(raw) ? Number(raw) : null;
}

/** Zod pieces the forms share. */
export const formFields = {
  recordId: z.string().refine((raw) => parseRecordId(raw) !== null, 'This record does not exist.').transform(Number),
  /** Empty for a record not created yet. */
  optionalRecordId: z
    .string()
    .refine((raw) => raw === '' || parseRecordId(raw) !== null, 'This record does not exist.')
    .transform((raw) => parseRecordId(raw)),
  text: (what: string, max: number) => z.string().trim().max(max, `${what} can be at most ${max} characters.`),
  requiredText: (what: string, max: number) =>
    z.string().trim().min(1, `${what} cannot be empty.`).max(max, `${what} can be at most ${max} characters.`),
  /** Lowercased; checked (and made from the name when left empty) by the action. */
  slug: z.string().trim().toLowerCase(),
};

/** "1 article", "3 articles". */
export const countOf = (n: number, singular: string, plural = `${singular}s`) => `${n} ${n === 1 ? singular : plural}`;

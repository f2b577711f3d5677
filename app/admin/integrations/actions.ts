'use server';

import { refresh } from 'next/cache';
import type { FormState } from '@/lib/newsroom/forms/admin-form';
import { handleNewsroomForm } from '@/lib/newsroom/forms/form-actions';
import { newIntegrationSchema, revokeIntegrationSchema } from '@/lib/newsroom/forms/integration-form';
import { newsroomPages } from '@/lib/newsroom/pages';
import { createIntegrationKey, revokeIntegrationKey } from '@/lib/newsroom/use-cases/integrations';

// Keys change no reader page: refresh() re-renders the list the form is on.
const { permission } = newsroomPages.integrations;
const refreshed = (state: FormState): FormState => {
  if (state.message?.kind === 'ok') refresh();
  return state;
};

/** Makes an integration key, shown once in the answer (lib/newsroom/use-cases/integrations.ts). */
export async function createIntegration(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, newIntegrationSchema, (input, user, reply) => createIntegrationKey(input, user, reply)));
}

/** Revokes a key at once. */
export async function revokeIntegration(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, revokeIntegrationSchema, (input, user, reply) => revokeIntegrationKey(input, user, reply)));
}

'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/newsroom/forms/admin-form';
import { handleNewsroomForm } from '@/lib/newsroom/forms/form-actions';
import { newsroomPages } from '@/lib/newsroom/pages';
import { endpointSchema, newEndpointSchema, pauseSchema, replaySchema } from '@/lib/newsroom/forms/webhook-form';
import { createEndpoint, deleteEndpoint, replayEndpointDelivery, rotateEndpointSecret, setEndpointPaused } from '@/lib/newsroom/use-cases/webhooks';

// Webhook endpoints change no reader page: refresh() re-renders the newsroom page the form is on.
const { permission } = newsroomPages.webhooks;
const refreshed = (state: FormState): FormState => {
  if (state.message?.kind === 'ok') refresh();
  return state;
};

/** Adds an endpoint; its signing secret is shown once in the answer (lib/newsroom/use-cases/webhooks.ts). */
export async function addWebhookEndpoint(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, newEndpointSchema, createEndpoint));
}

/** Pauses or resumes an endpoint. */
export async function pauseWebhookEndpoint(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, pauseSchema, (input, user, reply) => setEndpointPaused(input, user, reply)));
}

/** Gives an endpoint a new signing secret, shown once. */
export async function rotateWebhookSecret(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, endpointSchema, rotateEndpointSecret);
}

/** Deletes an endpoint with its delivery log. */
export async function deleteWebhookEndpoint(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, endpointSchema, (input, user, reply) => {
    const result = deleteEndpoint(input, user, reply);
    if ('redirect' in result) redirect(result.redirect);
    return result;
  });
}

/** Queues a delivery again (same message, fresh signature). */
export async function replayWebhookDelivery(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, replaySchema, (input, user, reply) => replayEndpointDelivery(input, user, reply)));
}

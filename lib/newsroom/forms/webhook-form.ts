import { z } from 'zod';
import { webhookEventTypes, type WebhookEventType } from '@/db/schema';
import { webhookUrlProblem } from '@/lib/webhooks/address-policy';
import { formFields, type FieldSpec, type FormValues } from './admin-form';

/** What each event means, for the form and the page (README "Webhooks" lists the same). */
export const webhookEventLabels: Record<WebhookEventType, string> = {
  'article.published': 'Article published (also a scheduled one going live)',
  'article.updated': 'Live article updated (an edit readers see, a correction)',
  'article.unpublished': 'Article unpublished',
  'article.trashed': 'Published article moved to the trash',
  'live_update.posted': 'Live blog update posted',
  'front.changed': 'Front page or section front arranged',
};

/** A checkbox's field name for an event ('event_article_published'). */
export const eventField = (type: WebhookEventType) => `event_${type.replace('.', '_')}`;

export const newEndpointFields: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', autoComplete: 'off', hint: 'For you: what receives them, like “Newsletter tool”.' },
  { name: 'url', label: 'URL', autoComplete: 'off', hint: 'An https:// address on the public internet; it gets a POST for each event.' },
  ...webhookEventTypes.map((type): FieldSpec => ({ name: eventField(type), label: `${type}: ${webhookEventLabels[type]}`, kind: 'checkbox' })),
];

export const emptyEndpointForm: FormValues = { name: '', url: '', ...Object.fromEntries(webhookEventTypes.map((type) => [eventField(type), 'yes'])) };

const checkbox = z.string().transform((value) => value === 'yes');

export const newEndpointSchema = z.object({
  name: formFields.requiredText('The name', 100),
  url: z
    .string()
    .trim()
    .min(1, 'Enter the address that receives the webhooks.')
    .superRefine((url, context) => {
      const problem = webhookUrlProblem(url);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
  ...Object.fromEntries(webhookEventTypes.map((type) => [eventField(type), checkbox])),
});

/** The events ticked in a valid form. */
export const eventsOf = (input: z.output<typeof newEndpointSchema>): WebhookEventType[] =>
  webhookEventTypes.filter((type) => (input as Record<string, unknown>)[eventField(type)] === true);

export const endpointSchema = z.object({ id: formFields.recordId });
export const pauseSchema = z.object({ id: formFields.recordId, pause: z.enum(['yes', 'no']).transform((value) => value === 'yes') });
export const replaySchema = z.object({ id: formFields.recordId, delivery: formFields.recordId });

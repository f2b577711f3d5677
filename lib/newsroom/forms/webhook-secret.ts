/** How a webhook signing secret is introduced when it is shown, once. */
export const WEBHOOK_SECRET_NOTICE = {
  label: 'Signing secret',
  hint: 'Copy it now into the receiver’s settings: it will not be shown again. The receiver checks each delivery’s webhook-signature with it (Standard Webhooks).',
};

import fs from 'node:fs';
import path from 'node:path';

/**
 * Checks a POST to the newsroom before Next decodes it (server/main.ts): a body that is not the form
 * data it says it is, or a server action called with arguments it does not take, is the client's mistake
 * (400). Next would answer either with a 500 (it decodes the body, then the action throws on what it got).
 *
 * Every server action of the site takes one of these shapes; ACTION_ARGUMENTS names each action's, and
 * server/action-requests.test.ts checks the table against the actions' source.
 *   - 'state-and-form': (previousState, form: FormData), the form actions of useActionState
 *   - 'form': (form: FormData)
 *   - 'text': (text: string)
 *   - 'text-and-number': (text: string, n: number), a search and its page
 *   - 'data': (input: unknown), one plain object the action validates itself (the editor's heartbeat)
 *   - 'none': ()
 */

export type ActionArguments = 'state-and-form' | 'form' | 'text' | 'text-and-number' | 'data' | 'none';

export const ACTION_ARGUMENTS: Record<string, ActionArguments> = {
  signIn: 'state-and-form',
  signOut: 'none',
  changeOwnPassword: 'state-and-form',
  saveArticle: 'state-and-form',
  addCorrectionToArticle: 'state-and-form',
  autosaveArticle: 'form',
  restoreRevision: 'form',
  trashArticle: 'form',
  restoreFromTrash: 'form',
  previewMarkdown: 'text',
  articlePresence: 'data',
  findArticlesToRelate: 'text',
  saveAuthor: 'state-and-form',
  importArticle: 'state-and-form',
  uploadMedia: 'state-and-form',
  uploadMediaFromPicker: 'form',
  findMedia: 'text-and-number',
  saveMediaText: 'state-and-form',
  saveSection: 'state-and-form',
  deleteSection: 'state-and-form',
  saveTag: 'state-and-form',
  mergeTag: 'state-and-form',
  createAccount: 'state-and-form',
  changeRole: 'state-and-form',
  setAccountDisabled: 'state-and-form',
  resetPassword: 'state-and-form',
  setBanner: 'state-and-form',
  clearBanner: 'state-and-form',
  saveFront: 'state-and-form',
  addWebhookEndpoint: 'state-and-form',
  pauseWebhookEndpoint: 'state-and-form',
  rotateWebhookSecret: 'state-and-form',
  deleteWebhookEndpoint: 'state-and-form',
  replayWebhookDelivery: 'state-and-form',
  findStoriesToPlace: 'text',
  postLiveUpdate: 'state-and-form',
  startLiveBlogAction: 'form',
  endLiveBlogAction: 'form',
  createIntegration: 'state-and-form',
  revokeIntegration: 'state-and-form',
};

/** Action id → the action's exported name, from the build's server-reference manifest. */
export function readActionNames(distDir: string): Map<string, string> {
  const file = path.join(distDir, 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { node?: Record<string, { exportedName?: string }> };
  return new Map(Object.entries(manifest.node ?? {}).flatMap(([id, entry]) => (entry.exportedName ? [[id, entry.exportedName] as const] : [])));
}

const isPlainObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
// React writes a FormData argument as a reference to the parts of the body that hold it ("$K" and an id);
// it writes strings starting with "$" as "$$...".
const isFormReference = (value: unknown) => typeof value === 'string' && /^\$K[0-9a-f]+$/.test(value);
const isText = (value: unknown) => typeof value === 'string' && (!value.startsWith('$') || value.startsWith('$$'));

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function argumentsFit(args: unknown, shape: ActionArguments): boolean {
  if (!Array.isArray(args)) return false;
  switch (shape) {
    case 'state-and-form':
      return args.length === 2 && isFormReference(args[1]);
    case 'form':
      return args.length === 1 && isFormReference(args[0]);
    case 'text':
      return args.length === 1 && isText(args[0]);
    case 'data':
      return args.length === 1 && isPlainObject(args[0]);
    case 'text-and-number':
      return args.length === 2 && isText(args[0]) && typeof args[1] === 'number';
    case 'none':
      return args.length === 0;
  }
}

export interface FormRequest {
  contentType: string | undefined;
  /** The Next-Action header: the id of the action a script calls. */
  actionId: string | undefined;
  body: Buffer;
}

/** Why the request is refused (400), or null to let Next handle it. `actionNames` maps ids to names. */
export async function badFormRequest({ contentType = '', actionId, body }: FormRequest, actionNames: Map<string, string>): Promise<string | null> {
  const multipart = /^multipart\/form-data\b/i.test(contentType);
  let form: FormData | undefined;
  if (multipart) {
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    } catch {
      return 'The form data could not be read.';
    }
  }
  const name = actionId === undefined ? undefined : actionNames.get(actionId);
  const shape = name === undefined ? undefined : ACTION_ARGUMENTS[name];
  if (actionId !== undefined) {
    // Unknown ids are Next's to answer (404, with what it tells the client to do).
    if (!shape) return null;
    const root = form ? form.get('0') : body.toString('utf8');
    const args = typeof root === 'string' ? parseJson(root) : { ok: false as const };
    return args.ok && argumentsFit(args.value, shape) ? null : 'The action was called with arguments it does not take.';
  }
  if (!form) return null;
  // A form posted without JavaScript: the action and its bound arguments travel as $ACTION_ fields.
  for (const [field, value] of form) {
    const bound = /^\$ACTION_\d+:(\d+)$/.exec(field);
    if (!bound) continue;
    const parsed = typeof value === 'string' ? parseJson(value) : { ok: false as const };
    if (!parsed.ok) return 'The form data could not be read.';
    if (bound[1] === '0' && !(isPlainObject(parsed.value) && typeof (parsed.value as { id?: unknown }).id === 'string')) return 'The form data could not be read.';
    // The state a form action was given last time: one object (or nothing yet).
    if (bound[1] !== '0' && !(Array.isArray(parsed.value) && parsed.value.every((state) => state === null || isPlainObject(state)))) {
      return 'The action was called with arguments it does not take.';
    }
  }
  return null;
}

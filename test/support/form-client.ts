/**
 * A browser without JavaScript, enough to drive the newsroom's server-action forms over HTTP: it keeps
 * cookies, follows redirects, reads a form's fields as rendered (React's hidden `$ACTION_...` inputs
 * included) and posts them back as multipart/form-data, with the Origin header Next checks on actions.
 */

export interface FormField {
  name: string;
  value: string;
  /** For a <select>: the values it offers. */
  options?: string[];
}

export interface SubmitButton {
  name: string;
  value: string;
  label: string;
}

export interface ParsedForm {
  /** Where the form posts, relative to the page (React renders `action=""`: the page itself). */
  action: string;
  fields: FormField[];
  buttons: SubmitButton[];
}

export interface Page {
  status: number;
  /** The address the answer came from, after redirects. */
  url: string;
  html: string;
  /** Each redirect followed, in order. */
  redirects: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  // Skips the tag name, then reads name="value", name='value', name=value and bare names.
  for (const [, name, ...values] of tag.replace(/^<\/?[a-z0-9]+/i, '').matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    if (name) found.set(name.toLowerCase(), decodeEntities(values.find((v) => v !== undefined) ?? ''));
  }
  return found;
}

/** The fields a browser would send, in document order: unchecked boxes and the buttons are left out. */
function readFields(formHtml: string): { fields: FormField[]; buttons: SubmitButton[] } {
  const fields: FormField[] = [];
  const buttons: SubmitButton[] = [];
  const controls = formHtml.matchAll(/<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>|<button\b([^>]*)>([\s\S]*?)<\/button>/gi);
  for (const match of controls) {
    const [whole, textareaTag, textareaText, selectTag, selectHtml, buttonTag, buttonHtml] = match;
    if (textareaTag !== undefined) {
      const name = attributes(`<textarea${textareaTag}>`).get('name');
      // An HTML parser drops one newline right after <textarea>.
      if (name) fields.push({ name, value: decodeEntities((textareaText ?? '').replace(/^\r?\n/, '')) });
    } else if (selectTag !== undefined) {
      const name = attributes(`<select${selectTag}>`).get('name');
      if (!name) continue;
      const options = [...(selectHtml ?? '').matchAll(/<option\b[^>]*>/gi)].map(([tag]) => attributes(tag));
      const values = options.map((option) => option.get('value') ?? '');
      const selected = options.findIndex((option) => option.has('selected'));
      fields.push({ name, value: values[Math.max(selected, 0)] ?? '', options: values });
    } else if (buttonTag !== undefined) {
      const button = attributes(`<button${buttonTag}>`);
      if ((button.get('type') ?? 'submit') !== 'submit') continue;
      buttons.push({ name: button.get('name') ?? '', value: button.get('value') ?? '', label: decodeEntities((buttonHtml ?? '').replace(/<[^>]*>/g, '')).trim() });
    } else {
      const input = attributes(whole);
      const name = input.get('name');
      const type = (input.get('type') ?? 'text').toLowerCase();
      if (!name || ['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !input.has('checked')) continue;
      fields.push({ name, value: input.get('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '') });
    }
  }
  return { fields, buttons };
}

/** The first form on the page with a field called `fieldName` (a page also has sign-out and other forms). */
export function findForm(html: string, fieldName: string): ParsedForm {
  for (const [, formTag, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const { fields, buttons } = readFields(inner ?? '');
    if (fields.some((field) => field.name === fieldName)) return { action: attributes(`<form${formTag}>`).get('action') ?? '', fields, buttons };
  }
  throw new Error(`no form with a "${fieldName}" field on the page`);
}

/** Sets the first field called `name` (several <select name="authorIds"> share a name); it must exist. */
export function setField(form: ParsedForm, name: string, value: string): void {
  const field = form.fields.find((f) => f.name === name);
  if (!field) throw new Error(`the form has no "${name}" field`);
  if (field.options && !field.options.includes(value)) throw new Error(`"${name}" offers no option "${value}"`);
  field.value = value;
}

/** The text of the page's notice of this kind (`ok` after a save, `error` after a refusal), or null. */
export function noticeText(html: string, kind: 'ok' | 'error'): string | null {
  const inner = new RegExp(`<p class="notice notice--${kind}"[^>]*>([\\s\\S]*?)</p>`).exec(html)?.[1];
  return inner === undefined ? null : decodeEntities(inner.replace(/<[^>]*>/g, ''));
}

/** The messages shown next to fields after a refused form, in page order. */
export function fieldErrors(html: string): string[] {
  return [...html.matchAll(/<p class="field__error"[^>]*>([\s\S]*?)<\/p>/g)].map(([, inner]) => decodeEntities((inner ?? '').replace(/<[^>]*>/g, '')));
}

export class FormClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  get(path: string): Promise<Page> {
    return this.request(new URL(path, this.baseUrl).href, { method: 'GET' });
  }

  /**
   * Submits `form` (as found on `page`) with the button called `buttonLabel`, as a browser does, with
   * `files` as the chosen files of its file inputs (by name).
   */
  submit(page: Page, form: ParsedForm, buttonLabel: string, files: Record<string, File> = {}): Promise<Page> {
    const button = form.buttons.find((b) => b.label === buttonLabel);
    if (!button) throw new Error(`the form has no "${buttonLabel}" button (it has: ${form.buttons.map((b) => b.label).join(', ')})`);
    const body = new FormData();
    for (const field of form.fields) body.append(field.name, field.value);
    for (const [name, file] of Object.entries(files)) body.append(name, file);
    if (button.name) body.append(button.name, button.value);
    return this.request(new URL(form.action, page.url).href, { method: 'POST', body, headers: { origin: new URL(this.baseUrl).origin } });
  }

  private async request(url: string, init: RequestInit): Promise<Page> {
    const redirects: string[] = [];
    let next = url;
    let options = init;
    for (;;) {
      const response = await fetch(next, {
        ...options,
        redirect: 'manual',
        headers: { ...(options.headers as Record<string, string> | undefined), cookie: this.cookieHeader() },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      this.remember(response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (redirects.length >= 5) throw new Error(`too many redirects from ${url}`);
        next = new URL(location, next).href;
        redirects.push(next);
        // 303 (what Next answers an action with) and 302 turn the POST into a GET, as in a browser.
        options = { method: 'GET' };
        continue;
      }
      return { status: response.status, url: next, html: await response.text(), redirects };
    }
  }

  /** The session's cookies, for requests made outside this client (the benchmark's timed fetches). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributeParts] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator < 1) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributeParts.some((part) => /^\s*max-age\s*=\s*0\s*$/i.test(part) || /^\s*expires\s*=.*1970/i.test(part));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  hasCookies(): boolean {
    return this.cookies.size > 0;
  }

  /** Signs in to the newsroom; throws unless it lands on the dashboard with a session. */
  async signIn(account: { email: string; password: string }): Promise<void> {
    const page = await this.get('/admin/login');
    const form = findForm(page.html, 'email');
    setField(form, 'email', account.email);
    setField(form, 'password', account.password);
    const answer = await this.submit(page, form, 'Sign in');
    if (new URL(answer.url).pathname !== '/admin' || !this.hasCookies()) {
      throw new Error(`${account.email} could not sign in (ended on ${answer.url} with ${answer.status})`);
    }
  }
}

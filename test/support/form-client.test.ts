import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldErrors, findForm, FormClient, noticeText, setField } from './form-client';

// Shaped like what React renders for a server-action form without JavaScript.
const PAGE = `
<form action="/admin/sign-out" method="POST"><input type="hidden" name="$ACTION_ID_abc"/><button type="submit">Sign out</button></form>
<form action="" encType="multipart/form-data" method="POST">
  <input type="hidden" name="$ACTION_REF_2"/>
  <input type="hidden" name="$ACTION_2:0" value="{&quot;id&quot;:&quot;60ab&quot;,&quot;bound&quot;:&quot;$@2&quot;}"/>
  <input id="headline" name="headline" type="text" value="Rock &amp; roll &lt;live&gt;"/>
  <textarea id="body" name="body">
First line &amp; more</textarea>
  <select name="sectionId"><option value="">Choose…</option><option value="1">Politics</option><option selected="" value="2">World</option></select>
  <select name="authorIds"><option value="">—</option><option value="7">A</option></select>
  <select name="authorIds"><option value="">—</option><option value="7">A</option></select>
  <input type="checkbox" name="pinned"/>
  <input type="radio" name="heroMediaId" value="" checked=""/><input type="radio" name="heroMediaId" value="4"/>
  <button type="button">Show preview</button>
  <button class="button" type="submit" name="intent" value="save">Save draft</button>
  <button type="submit" name="intent" value="publish">Publish</button>
</form>`;

describe('findForm', () => {
  it('reads the fields a browser would send, decoded, from the form that has the field asked for', () => {
    const form = findForm(PAGE, 'headline');
    expect(form.action).toBe('');
    expect(form.fields.map(({ name, value }) => [name, value])).toEqual([
      ['$ACTION_REF_2', ''],
      ['$ACTION_2:0', '{"id":"60ab","bound":"$@2"}'],
      ['headline', 'Rock & roll <live>'],
      ['body', 'First line & more'],
      ['sectionId', '2'],
      ['authorIds', ''],
      ['authorIds', ''],
      ['heroMediaId', ''],
    ]);
    expect(form.buttons).toEqual([
      { name: 'intent', value: 'save', label: 'Save draft' },
      { name: 'intent', value: 'publish', label: 'Publish' },
    ]);
  });

  it('refuses a page without such a form', () => {
    expect(() => findForm(PAGE, 'password')).toThrow('no form with a "password" field');
  });
});

describe('setField', () => {
  it('sets the first field of a name and refuses options a select does not offer', () => {
    const form = findForm(PAGE, 'headline');
    setField(form, 'authorIds', '7');
    expect(form.fields.filter((f) => f.name === 'authorIds').map((f) => f.value)).toEqual(['7', '']);
    expect(() => setField(form, 'sectionId', '99')).toThrow('offers no option "99"');
    expect(() => setField(form, 'nope', 'x')).toThrow('has no "nope" field');
  });
});

describe('noticeText and fieldErrors', () => {
  const ANSWER = `
<p class="notice notice--error" role="alert">Some fields need attention: see the messages next to them.</p>
<p class="field__error" id="name-error">The name can be at most 60 characters.</p>
<p class="notice notice--ok" role="status">Section “&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;<!-- --> created</p>
<p class="field__error" id="slug-error">Use &#x27;a-z&#x27;.</p>`;

  it('read the notices and the field messages as text', () => {
    expect(noticeText(ANSWER, 'ok')).toBe('Section “<b>Tom & Jerry</b> created');
    expect(noticeText(ANSWER, 'error')).toBe('Some fields need attention: see the messages next to them.');
    expect(fieldErrors(ANSWER)).toEqual(['The name can be at most 60 characters.', "Use 'a-z'."]);
    expect(noticeText('<p class="notice">plain</p>', 'ok')).toBeNull();
  });
});

describe('FormClient', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('posts the form with the clicked button, any chosen files and an Origin, keeps the session cookie and follows a 303 as a GET', async () => {
    const seen: Array<{ method?: string; url?: string; cookie?: string; origin?: string; body: string }> = [];
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, cookie: request.headers.cookie, origin: request.headers.origin, body });
        if (request.method === 'POST') {
          response.writeHead(303, { location: '/done', 'set-cookie': 'session=abc; Path=/; HttpOnly' });
          response.end();
        } else {
          response.end(request.url === '/done' ? 'signed in' : PAGE);
        }
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new FormClient(baseUrl, 5_000);

    const page = await client.get('/edit?x=1');
    const answer = await client.submit(page, findForm(page.html, 'headline'), 'Publish');
    await client.get('/again');

    expect(answer).toMatchObject({ status: 200, url: `${baseUrl}/done`, html: 'signed in' });
    const [, post, redirected, again] = seen;
    expect(post).toMatchObject({ method: 'POST', url: '/edit?x=1', origin: baseUrl });
    expect(post?.body).toMatch(/name="intent"\r\n\r\npublish\r\n/);
    expect(post?.body).not.toContain('\r\n\r\nsave\r\n');
    expect(post?.body).toMatch(/name="headline"\r\n\r\nRock & roll <live>\r\n/);
    expect(redirected).toMatchObject({ method: 'GET', url: '/done', cookie: 'session=abc' });
    expect(again?.cookie).toBe('session=abc');
    expect(() => client.submit(page, findForm(page.html, 'headline'), 'Delete')).toThrow('no "Delete" button');

    await client.submit(page, findForm(page.html, 'headline'), 'Save draft', { file: new File(['PNG bytes'], 'harbour.png', { type: 'image/png' }) });
    const upload = seen.at(-2);
    expect(upload?.body).toMatch(/name="file"; filename="harbour.png"\r\nContent-Type: image\/png\r\n\r\nPNG bytes\r\n/);
    expect(upload?.body).toMatch(/name="intent"\r\n\r\nsave\r\n/);
  });
});

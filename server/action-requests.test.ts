import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_ARGUMENTS, badFormRequest, type ActionArguments } from './action-requests';

const names = new Map([
  ['60aa', 'signIn'],
  ['40bb', 'previewMarkdown'],
  ['40cc', 'trashArticle'],
  ['00dd', 'signOut'],
  ['60ee', 'findMedia'],
  ['40ff', 'articlePresence'],
]);
const multipart = (parts: Record<string, string>) => {
  const boundary = 'XYZ';
  const body = Object.entries(parts)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(`${body}--${boundary}--\r\n`) };
};
const text = (value: string) => ({ contentType: 'text/plain;charset=UTF-8', body: Buffer.from(value) });

describe('badFormRequest', () => {
  it('lets through what the site’s own forms and scripts send', async () => {
    expect(await badFormRequest({ ...multipart({ '0': '[{"email":"","error":null},"$K1"]', '1_email': 'a@b.c' }), actionId: '60aa' }, names)).toBeNull();
    expect(await badFormRequest({ ...multipart({ '0': '["$K1"]', '1_id': '3' }), actionId: '40cc' }, names)).toBeNull();
    expect(await badFormRequest({ ...text('["# Heading"]'), actionId: '40bb' }, names)).toBeNull();
    expect(await badFormRequest({ ...text('["$$5 a month"]'), actionId: '40bb' }, names)).toBeNull();
    expect(await badFormRequest({ ...text('[]'), actionId: '00dd' }, names)).toBeNull();
    expect(await badFormRequest({ ...text('["harbour",2]'), actionId: '60ee' }, names)).toBeNull();
    expect(await badFormRequest({ ...text('[{"articleId":3,"tabId":"t"}]'), actionId: '40ff' }, names)).toBeNull();
    // A form posted without JavaScript.
    const noScript = multipart({ $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"60aa","bound":"$@1"}', '$ACTION_1:1': '[{"email":"","error":null}]', $ACTION_KEY: 'k', email: 'a@b.c' });
    expect(await badFormRequest({ ...noScript, actionId: undefined }, names)).toBeNull();
    // Not an action at all, or one this build does not know (Next answers those).
    expect(await badFormRequest({ contentType: 'application/x-www-form-urlencoded', body: Buffer.from('a=1'), actionId: undefined }, names)).toBeNull();
    expect(await badFormRequest({ ...text('[]'), actionId: 'ffff' }, names)).toBeNull();
  });

  it('refuses a body that is not the form data it says it is', async () => {
    for (const [contentType, body] of [
      ['multipart/form-data; boundary=XYZ', 'garbage'],
      ['multipart/form-data; boundary=XYZ', '--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'],
      ['multipart/form-data', 'x'],
    ] as const) {
      expect(await badFormRequest({ contentType, body: Buffer.from(body), actionId: undefined }, names), body).toBe('The form data could not be read.');
      expect(await badFormRequest({ contentType, body: Buffer.from(body), actionId: '60aa' }, names), body).toBe('The form data could not be read.');
    }
    const brokenBound = multipart({ $ACTION_REF_1: '', '$ACTION_1:0': '{"id":', '$ACTION_1:1': '[]' });
    expect(await badFormRequest({ ...brokenBound, actionId: undefined }, names)).toBe('The form data could not be read.');
  });

  it('refuses an action called with arguments it does not take', async () => {
    const wrong = 'The action was called with arguments it does not take.';
    for (const body of ['[]', '[1,2]', '"x"', '{bad', '[{"email":""},"x"]']) expect(await badFormRequest({ ...text(body), actionId: '60aa' }, names), body).toBe(wrong);
    expect(await badFormRequest({ ...multipart({ '0': '[1,2]' }), actionId: '60aa' }, names)).toBe(wrong);
    expect(await badFormRequest({ ...multipart({ x: '1' }), actionId: '60aa' }, names)).toBe(wrong);
    expect(await badFormRequest({ ...text('[1]'), actionId: '40bb' }, names)).toBe(wrong);
    expect(await badFormRequest({ ...text('["$K1"]'), actionId: '40bb' }, names)).toBe(wrong);
    expect(await badFormRequest({ ...text('["x"]'), actionId: '40cc' }, names)).toBe(wrong);
    expect(await badFormRequest({ ...text('[1]'), actionId: '00dd' }, names)).toBe(wrong);
    for (const body of ['[]', '["x"]', '[[1]]', '[{},{}]']) expect(await badFormRequest({ ...text(body), actionId: '40ff' }, names), body).toBe(wrong);
    for (const body of ['["harbour"]', '["harbour","2"]', '[2,"harbour"]']) expect(await badFormRequest({ ...text(body), actionId: '60ee' }, names), body).toBe(wrong);
    const wrongState = multipart({ $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"60aa","bound":"$@1"}', '$ACTION_1:1': '[1]' });
    expect(await badFormRequest({ ...wrongState, actionId: undefined }, names)).toBe(wrong);
  });
});

describe('ACTION_ARGUMENTS', () => {
  it('names every server action of the site with the arguments its source declares', () => {
    const root = path.resolve(import.meta.dirname, '..', 'app');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /actions\.ts$/.test(file));
    const found: Record<string, ActionArguments> = {};
    for (const file of files) {
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      if (!source.startsWith("'use server'")) continue;
      for (const [, name = '', params = ''] of source.matchAll(/^export async function (\w+)\(([^)]*)\)/gm)) {
        const types = params.split(',').map((param) => param.split(':')[1]?.trim()).filter(Boolean);
        found[name] =
          types.length === 0 ? 'none' : types.length === 1 && types[0] === 'FormData' ? 'form' : types.length === 1 && types[0] === 'string' ? 'text' : types.length === 2 && types[1] === 'FormData' ? 'state-and-form' : types.length === 2 && types[0] === 'string' && types[1] === 'number' ? 'text-and-number' : types.length === 1 && types[0] === 'unknown' ? 'data' : ('unknown' as ActionArguments);
      }
    }
    expect(Object.keys(found).length).toBeGreaterThan(20);
    expect(found).toEqual(ACTION_ARGUMENTS);
  });
});

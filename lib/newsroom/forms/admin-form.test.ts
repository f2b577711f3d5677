import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countOf, formFields, parseFormValues, parseRecordId, readFormValues } from './admin-form';

describe('readFormValues', () => {
  it('reads exactly the named fields as typed, missing ones as empty', () => {
    const form = new FormData();
    form.set('name', '  Science \r\n');
    form.set('role', 'admin');
    form.set('file', new Blob(['x']));
    expect(readFormValues(form, ['name', 'slug', 'file'])).toEqual({ name: '  Science \n', slug: '', file: '' });
  });
});

describe('parseFormValues', () => {
  const schema = z.object({
    id: formFields.optionalRecordId,
    name: formFields.requiredText('The name', 10),
    slug: formFields.slug,
  });

  it('gives the parsed output', () => {
    expect(parseFormValues(schema, { id: '7', name: ' Science ', slug: ' SCI ' })).toEqual({
      ok: true,
      data: { id: 7, name: 'Science', slug: 'sci' },
    });
    expect(parseFormValues(schema, { id: '', name: 'Science', slug: '' })).toMatchObject({ data: { id: null } });
  });

  it('gives one message per field that is wrong', () => {
    expect(parseFormValues(schema, { id: 'x', name: '   ', slug: '' })).toEqual({
      ok: false,
      errors: { id: 'This record does not exist.', name: 'The name cannot be empty.' },
    });
    expect(parseFormValues(schema, { id: '', name: 'A name far too long', slug: '' })).toEqual({
      ok: false,
      errors: { name: 'The name can be at most 10 characters.' },
    });
  });
});

it('parses record ids strictly', () => {
  expect(['1', '42'].map(parseRecordId)).toEqual([1, 42]);
  expect(['0', '-1', '1.5', ' 1', '1e3', '', '9'.repeat(16)].map(parseRecordId)).toEqual(Array(7).fill(null));
  expect(parseRecordId(undefined)).toBeNull();
});

it('counts with the right plural', () => {
  expect([countOf(1, 'article'), countOf(3, 'article'), countOf(0, 'entry', 'entries')]).toEqual(['1 article', '3 articles', '0 entries']);
});

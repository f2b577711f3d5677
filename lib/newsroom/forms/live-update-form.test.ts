import { expect, it } from 'vitest';
import { LIVE_UPDATE_BODY_MAX, readLiveUpdateForm, validateLiveUpdate } from './live-update-form';

it('refuses an empty update, naming the field', () => {
  expect(validateLiveUpdate({ title: 'Only a title', body: '  \n ', keyEvent: false })).toEqual({ ok: false, errors: { body: 'Write the update before posting it.' } });
});

it('refuses a 100,000-character update with its length and what to do', () => {
  const result = validateLiveUpdate({ title: '', body: 'x'.repeat(100_000), keyEvent: false });
  expect(result).toEqual({ ok: false, errors: { body: 'An update can be at most 20,000 characters (this one has 100,000): split it into several updates.' } });
});

it('accepts an update at the limit and trims the text', () => {
  expect(validateLiveUpdate({ title: ' T ', body: ` ${'y'.repeat(LIVE_UPDATE_BODY_MAX)} `, keyEvent: true })).toEqual({
    ok: true,
    values: { title: 'T', body: 'y'.repeat(LIVE_UPDATE_BODY_MAX), keyEvent: true },
  });
});

it('refuses an over-long title', () => {
  expect(validateLiveUpdate({ title: 't'.repeat(201), body: 'ok', keyEvent: false })).toEqual({ ok: false, errors: { title: 'Keep the title under 200 characters (it has 201).' } });
});

it('reads the form as sent, the key-event box as a boolean', () => {
  const form = new FormData();
  form.set('title', ' <b>T</b> ');
  form.set('body', 'B');
  form.set('keyEvent', 'on');
  expect(readLiveUpdateForm(form)).toEqual({ title: ' <b>T</b> ', body: 'B', keyEvent: true });
  expect(readLiveUpdateForm(new FormData())).toEqual({ title: '', body: '', keyEvent: false });
});

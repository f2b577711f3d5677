import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { emptySlot, type FrontFormState } from '@/lib/newsroom/forms/front-form';
import { FrontArranger } from './FrontArranger.client';

const state: FrontFormState = {
  front: 'science',
  version: '3',
  slots: [{ ...emptySlot, article: 'coral-spawning' }, emptySlot, emptySlot],
  errors: {},
  message: null,
  changes: [],
  answers: 0,
};
const render = () =>
  renderToStaticMarkup(
    <FrontArranger action={() => Promise.resolve(state)} initial={state} slotCount={3} notes={[]} findStories={() => Promise.resolve([])} />,
  );

// The browser hydrates the server's markup with a fresh copy of this component: the ids must be the ones any
// render makes, or React keeps the server's ids while it looks for its own (focus after a move was lost).
it('gives its fields and buttons the same ids on every render, whatever was rendered before', () => {
  const first = render();
  const second = render();
  expect(second).toBe(first);
  expect(first).toContain('id="slot-0-article"');
  expect(first).toContain('aria-label="Move Lead down"');
});

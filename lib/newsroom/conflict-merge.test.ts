import { describe, expect, it } from 'vitest';
import { emptyArticleForm, type ArticleFormValues } from './forms/article-form';
import { mergeConflict } from './conflict-merge';

const names = { section: (id: string) => `Section ${id}`, author: (id: string) => `Author ${id}`, image: (id: string) => `Image ${id}` };
const form = (changes: Partial<ArticleFormValues>): ArticleFormValues => ({
  ...emptyArticleForm(),
  headline: 'A headline',
  body: 'The body.',
  sectionId: '1',
  tags: 'One, Two',
  authorIds: ['1'],
  ...changes,
});

describe('mergeConflict', () => {
  it('takes their version of a field only they changed, and keeps mine where only I did', () => {
    const base = form({});
    const { values, conflicts } = mergeConflict(base, form({ tags: 'One, Two, Three' }), form({ body: 'My body.' }), names);
    expect(values.tags).toBe('One, Two, Three');
    expect(values.body).toBe('My body.');
    expect(conflicts.map((c) => [c.field, c.inForm])).toEqual([['tags', 'theirs']]);
    expect(conflicts[0]?.changes.find((p) => p.change === 'added')?.value).toContain('Three');
  });

  it('keeps mine where we both changed a field, and offers theirs', () => {
    const { values, conflicts } = mergeConflict(form({}), form({ body: 'Their body.' }), form({ body: 'My body.' }), names);
    expect(values.body).toBe('My body.');
    expect(conflicts).toMatchObject([{ field: 'body', inForm: 'both', theirs: { body: 'Their body.' }, mine: { body: 'My body.' } }]);
  });

  it('shows section, byline, image and key points by name, and ignores blank key-point rows and spacing', () => {
    const theirs = form({ sectionId: '2', authorIds: ['1', '2'], heroMediaId: '7', keyPoints: [{ label: 'New', text: 'A point.' }] });
    const mine = form({ keyPoints: [{ label: '', text: '' }], tags: 'two,One' });
    const { conflicts } = mergeConflict(form({}), theirs, mine, names);
    const text = (field: string) => conflicts.find((c) => c.field === field)?.theirsText;
    expect(text('sectionId')).toBe('Section 2');
    expect(text('authorIds')).toBe('Author 1, Author 2');
    expect(text('heroMediaId')).toBe('Image 7');
    expect(text('keyPoints')).toBe('Key Points\nNew: A point.');
    const typed = mergeConflict(form({}), form({ type: 'opinion' }), form({}), names).conflicts;
    expect(typed).toMatchObject([{ field: 'type', label: 'Story type', inForm: 'theirs', theirsText: 'Opinion', mineText: 'News' }]);
    expect(conflicts.map((c) => c.field)).not.toContain('tags');
  });

  it('takes nothing by itself when the version I loaded is unknown', () => {
    const { values, conflicts } = mergeConflict(null, form({ tags: 'Theirs' }), form({}), names);
    expect(values.tags).toBe('One, Two');
    expect(conflicts).toMatchObject([{ field: 'tags', inForm: 'both' }]);
  });
});

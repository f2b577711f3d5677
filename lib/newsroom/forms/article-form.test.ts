import { describe, expect, it } from 'vitest';
import { articleFormFrom, emptyArticleForm, readArticleForm, validateArticleForm, type ArticleFormValues } from './article-form';

const slugs: Record<string, number> = { 'a-story': 21, 'another-story': 22, 'this-story': 20 };
const context = {
  sectionIds: new Set([1, 2]),
  authorIds: new Set([10, 11]),
  mediaExists: (id: number) => id === 5,
  articleIdForSlug: (slug: string) => slugs[slug] ?? null,
  articleId: 20,
  forPublication: false,
};

const filled = (overrides: Partial<ArticleFormValues> = {}): ArticleFormValues => ({
  ...emptyArticleForm(),
  headline: 'Council Approves Night Bus Trial',
  sectionId: '1',
  summary: 'A summary.',
  body: 'A body.',
  authorIds: ['10'],
  ...overrides,
});

describe('readArticleForm', () => {
  it('reads every field verbatim, key point rows in order and authors in order', () => {
    const form = new FormData();
    form.set('headline', '  Spaces kept  ');
    form.set('body', 'Line one\r\nLine two');
    form.set('keyPoints.0.label', 'A');
    form.set('keyPoints.0.text', 'First');
    form.set('keyPoints.1.label', '');
    form.set('keyPoints.1.text', '');
    form.append('authorIds', '11');
    form.append('authorIds', '');
    form.append('authorIds', '10');
    const values = readArticleForm(form);
    expect(values.headline).toBe('  Spaces kept  ');
    expect(values.body).toBe('Line one\nLine two');
    expect(values.keyPoints).toEqual([
      { label: 'A', text: 'First' },
      { label: '', text: '' },
    ]);
    expect(values.authorIds).toEqual(['11', '10']);
    expect(values.summary).toBe('');
  });

  it('orders key points by the numbers the editor typed', () => {
    const form = new FormData();
    for (const [i, label, order] of [
      [0, 'First on screen', '3'],
      [1, 'Second on screen', '1'],
      [2, 'Third on screen', 'x'],
    ] as const) {
      form.set(`keyPoints.${i}.label`, label);
      form.set(`keyPoints.${i}.text`, 'Text.');
      form.set(`keyPoints.${i}.order`, order);
    }
    expect(readArticleForm(form).keyPoints.map((p) => p.label)).toEqual(['Second on screen', 'First on screen', 'Third on screen']);
  });
});

describe('validateArticleForm', () => {
  it('stores a headline typed on several lines (its field is a textarea) as one line', () => {
    const result = validateArticleForm(filled({ headline: 'Council Approves\r\n  Night Bus\nTrial ' }), context);
    expect(result).toMatchObject({ ok: true, fields: { headline: 'Council Approves Night Bus Trial' } });
  });

  it('accepts a draft and derives the slug from the headline', () => {
    const result = validateArticleForm(filled({ tags: 'Elections, City Hall, Elections', keyPoints: [{ label: ' L ', text: ' T ' }, { label: '', text: '' }] }), context);
    expect(result).toMatchObject({
      ok: true,
      fields: {
        slug: 'council-approves-night-bus-trial',
        sectionId: 1,
        tagNames: ['Elections', 'City Hall'],
        keyPoints: [{ label: 'L', text: 'T' }],
        authorIds: [10],
        heroMediaId: null,
        relatedIds: [],
      },
    });
    expect(
      validateArticleForm(filled({ related: 'https://news.example/world/another-story?x=1\n\n  a-story  \n/politics/another-story/' }), context),
    ).toMatchObject({ ok: true, fields: { relatedIds: [22, 21] } });
    expect(validateArticleForm(filled({ heroMediaId: '5' }), context)).toMatchObject({ ok: true, fields: { heroMediaId: 5 } });
  });

  it.each([
    [{ headline: 'Hi' }, 'headline', 'Write a headline of at least 5 characters.'],
    [{ slug: 'Not A Slug!' }, 'slug', 'lowercase letters'],
    [{ sectionId: '99' }, 'sectionId', 'Choose a section.'],
    [{ sectionId: 'abc' }, 'sectionId', 'Choose a section.'],
    [{ authorIds: ['999'] }, 'authorIds', 'Choose authors from the list.'],
    [{ keyPoints: [{ label: 'Only a label', text: '' }] }, 'keyPoints', 'both a label and a sentence'],
    [{ keyPointsTitle: '   ' }, 'keyPointsTitle', 'Give the key points block a title.'],
    [{ tags: 'x'.repeat(61) }, 'tags', 'up to 60 characters'],
    [{ summary: 'x'.repeat(601) }, 'summary', 'at most 600 characters'],
    [{ seoTitle: 'x'.repeat(111) }, 'seoTitle', 'at most 110 characters'],
    [{ heroMediaId: '6' }, 'heroMediaId', 'Choose an image from the library'],
    [{ heroMediaId: 'x' }, 'heroMediaId', 'Choose an image from the library'],
    [{ related: 'no-such-story' }, 'related', 'No article has the address “no-such-story”'],
    [{ related: '/politics/this-story' }, 'related', 'cannot be related to itself'],
  ] as const)('refuses %j with a message on %s', (overrides, field, message) => {
    const result = validateArticleForm(filled(overrides as Partial<ArticleFormValues>), context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toContain(message);
  });

  it('asks more of an article about to be published', () => {
    const draft = filled({ summary: '', body: '', authorIds: [] });
    expect(validateArticleForm(draft, context).ok).toBe(true);
    const result = validateArticleForm(draft, { ...context, forPublication: true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toMatchObject({
        summary: 'A published article needs a summary.',
        body: 'A published article needs a body.',
        authorIds: 'A published article needs at least one author.',
      });
    }
  });

  it('round-trips a saved article through the form', () => {
    const saved = {
      headline: 'H',
      slug: 's',
      type: 'opinion' as const,
      sectionId: 2,
      summary: 'S',
      body: 'B',
      keyPointsTitle: 'Key Points',
      keyPoints: [{ label: 'L', text: 'T' }],
      whyItMatters: 'W',
      contextNote: 'C',
      tagNames: ['One', 'Two'],
      authorIds: [11, 10],
      seoTitle: '',
      seoDescription: '',
      heroMediaId: 5,
      relatedSlugs: ['a-story', 'another-story'],
    };
    expect(articleFormFrom(saved)).toMatchObject({ type: 'opinion', sectionId: '2', tags: 'One, Two', authorIds: ['11', '10'], heroMediaId: '5', related: 'a-story\nanother-story' });
  });
});

describe('validateArticleForm on story types', () => {
  it('saves the type chosen, and news when the form has none', () => {
    const saved = (values: ArticleFormValues) => {
      const result = validateArticleForm(values, context);
      return result.ok ? result.fields.type : result.errors;
    };
    expect(saved(filled({ type: 'analysis' }))).toBe('analysis');
    expect(saved(filled({ type: ' opinion ' }))).toBe('opinion');
    expect(saved(filled())).toBe('news');
    expect(saved(filled({ type: '' }))).toBe('news');
  });

  it.each(['editorial', 'OPINION', '<script>alert(1)</script>', 'news\u0000', 'x'.repeat(10_000)])(
    'refuses the unknown type %#, with the reason next to the field and the text kept',
    (type) => {
      const values = filled({ type, body: 'Kept as typed.' });
      const result = validateArticleForm(values, context);
      expect(result).toEqual({
        ok: false,
        errors: { type: 'Choose a story type: News, Analysis, Opinion, Explainer, Interview, Review, Obituary.' },
      });
      expect(values.body).toBe('Kept as typed.');
    },
  );

  it('reads the type from the form as sent', () => {
    const form = new FormData();
    form.set('type', 'review');
    expect(readArticleForm(form).type).toBe('review');
    expect(readArticleForm(new FormData()).type).toBe('');
  });
});

describe('validateArticleForm on Markdown that cannot be laid out', () => {
  it('refuses quotes or lists nested too deep, with the reason next to the field it is in', () => {
    const result = validateArticleForm(filled({ body: '> '.repeat(2_000) + 'deep', whyItMatters: '- '.repeat(3_000) + 'deep' }), context);
    expect(result).toEqual({
      ok: false,
      errors: {
        body: 'Quotes and lists can nest at most 20 levels deep: remove some of the > or - at the start of the deepest lines.',
        whyItMatters: 'Quotes and lists can nest at most 20 levels deep: remove some of the > or - at the start of the deepest lines.',
      },
    });
  });

  it('refuses a soup of formatting marks, and accepts the same marks in a code block', () => {
    const soup = '_a'.repeat(30_000);
    const refused = validateArticleForm(filled({ body: soup }), context);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors.body).toMatch(/^This text has too many formatting marks to lay out/);
    expect(validateArticleForm(filled({ body: '```\n' + soup + '\n```' }), context).ok).toBe(true);
  });

  it('accepts quotes and lists nested up to the limit', () => {
    expect(validateArticleForm(filled({ body: '> '.repeat(20) + 'deep' }), context).ok).toBe(true);
  });
});

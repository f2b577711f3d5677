import { ARTICLE_TEXT_DEFAULTS, type ArticleFields } from '@/db/articles/model';
import type { DraftToImport } from '@/db/articles/import-draft';
import type { Db } from '@/db/client';

// No test-runner imports here: Playwright specs use these too.

/** Everything the newsroom's form saves, with plain defaults: for tests of the write path. */
export function testArticleFields(db: Db, overrides: Partial<ArticleFields> = {}): ArticleFields {
  return {
    slug: 'a-story',
    type: 'news',
    sectionId: db.$client.prepare("select id from sections where slug = 'politics'").pluck().get() as number,
    ...ARTICLE_TEXT_DEFAULTS,
    headline: 'A story',
    summary: 'Summary.',
    body: 'Body.',
    keyPoints: [],
    tagNames: [],
    authorIds: [],
    heroMediaId: null,
    relatedIds: [],
    ...overrides,
  };
}

/** A text as the importer finds it, filed under Politics: for tests of importing drafts. */
export const testImportedArticle = (overrides: Partial<DraftToImport> = {}): DraftToImport => ({
  sectionName: 'Politics',
  headline: 'Council Approves Night Bus Trial',
  summary: 'Buses will run all night.',
  body: 'The trial starts in May.',
  keyPointsTitle: 'What We Know',
  keyPoints: [{ label: 'Routes', text: 'Four routes run all night.' }],
  whyItMatters: 'Night workers need a way home.',
  contextNote: 'Details are preliminary.',
  ...overrides,
});

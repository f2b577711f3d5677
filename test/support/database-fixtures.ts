import { ARTICLE_TEXT_DEFAULTS, type ArticleFields } from '../../db/articles/model';
import type { Db } from '../../db/client';

// No test-runner imports here: Playwright specs use these too.

/** Everything the newsroom's form saves, with plain defaults: for tests of the write path. */
export function testArticleFields(db: Db, overrides: Partial<ArticleFields> = {}): ArticleFields {
  return {
    slug: 'a-story',
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

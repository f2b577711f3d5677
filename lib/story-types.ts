/**
 * Story types: what kind of piece an article is. News is the default and carries no label; every other
 * type shows as a kicker on the article and its teasers, and opinion is styled apart so readers can tell
 * comment from reporting. Shared by db/ (the column's values), the newsroom (the editor's choice, the
 * list's filter) and readers (the kicker, the JSON-LD type), so it lives here with no imports.
 */

export const STORY_TYPES = ['news', 'analysis', 'opinion', 'explainer', 'interview', 'review', 'obituary'] as const;
export type StoryType = (typeof STORY_TYPES)[number];

export const DEFAULT_STORY_TYPE: StoryType = 'news';

/** The type's name as the newsroom and readers see it. */
export const STORY_TYPE_LABELS: Readonly<Record<StoryType, string>> = {
  news: 'News',
  analysis: 'Analysis',
  opinion: 'Opinion',
  explainer: 'Explainer',
  interview: 'Interview',
  review: 'Review',
  obituary: 'Obituary',
};

/** The type a value names, or null for anything else (a filter's query string, a posted form). */
export function parseStoryType(value: unknown): StoryType | null {
  return typeof value === 'string' && (STORY_TYPES as readonly string[]).includes(value) ? (value as StoryType) : null;
}

/** The kicker readers see above the headline: null for news, which needs no label. */
export function storyKicker(type: StoryType): string | null {
  return type === DEFAULT_STORY_TYPE ? null : STORY_TYPE_LABELS[type];
}

/**
 * The schema.org type of the article's JSON-LD. schema.org's NewsArticle subtypes: AnalysisNewsArticle,
 * AskPublicNewsArticle, BackgroundNewsArticle, OpinionNewsArticle, ReportageNewsArticle,
 * ReviewNewsArticle. Interviews and obituaries have none of their own, so they stay NewsArticle (news
 * could be ReportageNewsArticle, but plain news is not always first-hand reporting).
 */
export const STORY_TYPE_SCHEMA: Readonly<Record<StoryType, string>> = {
  news: 'NewsArticle',
  analysis: 'AnalysisNewsArticle',
  opinion: 'OpinionNewsArticle',
  explainer: 'BackgroundNewsArticle',
  interview: 'NewsArticle',
  review: 'ReviewNewsArticle',
  obituary: 'NewsArticle',
};

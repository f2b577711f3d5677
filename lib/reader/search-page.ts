import { cache } from 'react';
import { searchPublishedArticles, type SearchResults } from '@/db/search';
import { suggestSpelling } from '@/db/search-suggest';
import { MAX_QUERY_CHARACTERS } from '@/lib/config';
import type { Section } from '@/db/types';
import { siteConfig } from '../config';
import { fromZonedLocalInput } from '../dates';
import { parsePageNumber } from './page-number';
import { loadSections } from './pages';

/**
 * What /search shows for its query string. Every parameter is optional and forgiving: a section or date
 * that names nothing, or a page number that cannot be one, is left out rather than refused, so no URL a
 * reader or a robot makes up can turn into an error page.
 */

export type SearchParams = Record<string, string | string[] | undefined>;

/** The form's values, as the reader typed them (dates only when they are real days). */
export interface SearchForm {
  q: string;
  section: string;
  from: string;
  to: string;
}

export interface SearchPageData {
  form: SearchForm;
  sections: Section[];
  section: Section | null;
  /** null when there is nothing to search for: the page shows the form alone. */
  results: SearchResults | null;
  /** For a search that found nothing: the text with its unknown words corrected, and its results' address. */
  suggestion: { text: string; path: string } | null;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** A `YYYY-MM-DD` day that exists, or '' (a date input sends this format whatever the reader's locale). */
function validDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return '';
  return fromZonedLocalInput(`${value}T00:00`, 'UTC') === null ? '' : value;
}

/** The instant a day starts in the site's time zone, `days` later. */
function dayStart(day: string, days: number, timeZone: string): number | undefined {
  if (!day) return undefined;
  const shifted = new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 16);
  return fromZonedLocalInput(shifted, timeZone) ?? undefined;
}

export function searchFormOf(params: SearchParams): SearchForm {
  // Only this much of the text is searched (see db/search-query.ts), so only this much is echoed back.
  return { q: first(params.q).slice(0, MAX_QUERY_CHARACTERS), section: first(params.section), from: validDay(first(params.from)), to: validDay(first(params.to)) };
}

/** The address of a results page for this form (empty fields left out). */
export function searchPath(form: SearchForm, page = 1): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) if (value) query.set(key, value);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `/search?${text}` : '/search';
}

/** The page and its metadata share one search per request: cached by the query string, not the params object. */
export const loadSearchPage = (params: SearchParams) => loadSearch(JSON.stringify(params));

const loadSearch = cache(async (paramsJson: string): Promise<SearchPageData> => {
  const params = JSON.parse(paramsJson) as SearchParams;
  const form = searchFormOf(params);
  const sections = await loadSections();
  const section = sections.find((s) => s.slug === form.section) ?? null;
  const { timeZone } = siteConfig();
  const results = searchPublishedArticles({
    text: form.q,
    sectionId: section?.id,
    from: dayStart(form.from, 0, timeZone),
    // The "to" day is included: results run until the next day starts.
    until: dayStart(form.to, 1, timeZone),
    page: parsePageNumber(first(params.page) || undefined) ?? 1,
    now: Date.now(),
  });
  const shownForm = { ...form, section: section?.slug ?? '' };
  // Only a search that found nothing looks for a better spelling (a few reads of the index's vocabulary).
  const corrected = results !== null && results.total === 0 ? suggestSpelling(form.q) : null;
  const suggestion = corrected === null ? null : { text: corrected, path: searchPath({ ...shownForm, q: corrected }) };
  return { form: shownForm, sections, section, results, suggestion };
});

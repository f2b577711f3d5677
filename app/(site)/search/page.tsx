import type { Metadata } from 'next';
import { Pagination } from '@/components/site/Pagination';
import { SearchForm } from '@/components/site/SearchForm';
import { SearchResults } from '@/components/site/SearchResults';
import { siteConfig } from '@/lib/config';
import { loadSearchPage, searchPath } from '@/lib/reader/search-page';
import { pageMetadata } from '@/lib/reader/seo';

/**
 * Reading searchParams makes this page dynamic: rendered for each request (a few milliseconds of
 * database work) and sent with Next's `private, no-store`, so no cache keeps one copy per query and a
 * newly published article is found at once. Results pages are kept out of search engines (noindex).
 */

export async function generateMetadata({ searchParams }: PageProps<'/search'>): Promise<Metadata> {
  const { form } = await loadSearchPage(await searchParams);
  return pageMetadata({
    title: form.q.trim() ? `Search: ${form.q.trim()}` : 'Search',
    description: 'Search every article we have published.',
    path: '/search',
    index: false,
  });
}

export default async function SearchPage({ searchParams }: PageProps<'/search'>) {
  const { form, sections, section, results, suggestion } = await loadSearchPage(await searchParams);
  const words = form.q.trim();
  return (
    <div className="wrap index-page search-page">
      <header className="index-page__header">
        <h1>
          Search
          {results && results.page > 1 && <span className="index-page__page"> · page {results.page}</span>}
        </h1>
      </header>
      <SearchForm form={form} sections={sections} />
      {results === null ? (
        <p className="empty">{words ? 'Type a word or a name to search for.' : 'Search every article we have published: type a word, a name or a "quoted phrase".'}</p>
      ) : results.total === 0 ? (
        <div role="status">
          <p className="empty">
            No results for “{words}”{section ? ` in ${section.name}` : ''}.
          </p>
          {suggestion && (
            <p className="search-page__suggestion">
              Did you mean{' '}
              <a href={suggestion.path}>
                <strong>{suggestion.text}</strong>
              </a>
              ?
            </p>
          )}
        </div>
      ) : (
        <>
          <p className="search-page__count" role="status">
            {results.capped
              ? `More than ${results.total.toLocaleString('en')} results`
              : results.total === 1
                ? '1 result'
                : `${results.total.toLocaleString('en')} results`}{' '}
            for “{words}”
            {section ? ` in ${section.name}` : ''}
            {results.capped && `: the best of the newest ${results.total.toLocaleString('en')}`}
          </p>
          {results.items.length === 0 ? (
            <p className="empty">There are fewer pages of results than that.</p>
          ) : (
            <SearchResults hits={results.items} timeZone={siteConfig().timeZone} />
          )}
          <Pagination
            page={results.page}
            pageCount={results.pageCount}
            pathFor={(page) => searchPath(form, page)}
            label="Search result pages"
            previous="← Previous"
            next="Next →"
          />
        </>
      )}
    </div>
  );
}

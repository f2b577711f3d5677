import type { Metadata } from 'next';
import Link from 'next/link';
import { ArticleTable } from '@/components/admin/ArticleTable';
import { NewerOlderLinks } from '@/components/admin/NewerOlderLinks';
import { LIVE_BLOG_FILTERS, listAuthorChoices, listNewsroomArticles, listSectionChoices, NEWSROOM_SORTS, type LiveBlogFilter, type NewsroomSort } from '@/db/newsroom';
import { articleStatuses, type ArticleStatus } from '@/db/schema';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { siteConfig } from '@/lib/config';
import { parsePageNumber } from '@/lib/reader/page-number';
import { parseStoryType, STORY_TYPE_LABELS, STORY_TYPES } from '@/lib/story-types';

export const metadata: Metadata = { title: 'Articles' };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ArticlesPage({ searchParams }: PageProps<'/admin/articles'>) {
  const user = await requireUser();
  const params = await searchParams;
  const status = articleStatuses.find((s) => s === one(params.status)) as ArticleStatus | undefined;
  const type = parseStoryType(one(params.type)) ?? undefined;
  const liveBlog = LIVE_BLOG_FILTERS.find((f) => f === one(params.live)) as LiveBlogFilter | undefined;
  const sections = listSectionChoices();
  const sectionId = sections.find((s) => String(s.id) === one(params.section))?.id;
  const query = (one(params.q) ?? '').slice(0, 200);
  const trash = one(params.trash) === '1';
  const authors = listAuthorChoices();
  const authorId = authors.find((a) => String(a.id) === one(params.author))?.id;
  const sort = NEWSROOM_SORTS.find((s) => s === one(params.sort)) as NewsroomSort | undefined;
  const page = parsePageNumber(one(params.page)) ?? 1;
  // Writers work on their own articles; editors and admins see the whole newsroom.
  const createdBy = can(user.role, 'article:edit-any') ? undefined : user.id;
  const { items, total, pageCount } = listNewsroomArticles({ status, type, liveBlog, sectionId, authorId, sort, query, createdBy, page, trash });
  const pageLink = (n: number) => {
    const search = new URLSearchParams();
    if (status) search.set('status', status);
    if (type) search.set('type', type);
    if (liveBlog) search.set('live', liveBlog);
    if (sectionId) search.set('section', String(sectionId));
    if (query) search.set('q', query);
    if (trash) search.set('trash', '1');
    if (authorId) search.set('author', String(authorId));
    if (sort) search.set('sort', sort);
    if (n > 1) search.set('page', String(n));
    return `/admin/articles${search.size ? `?${search}` : ''}`;
  };
  return (
    <>
      <h1>{trash ? 'Trash' : 'Articles'}</h1>
      {one(params.done) === 'trashed' && (
        <p className="notice notice--ok" role="status">
          Moved to the trash.
        </p>
      )}
      <form className="panel filters" role="search" aria-label="Filter articles">
        {trash && <input type="hidden" name="trash" value="1" />}
        <div className="field">
          <label htmlFor="filter-q">Words</label>
          <input id="filter-q" type="search" name="q" defaultValue={query} />
        </div>
        <FilterSelect name="status" label="Status" value={status} options={articleStatuses.map((s) => ({ value: s, label: s }))} />
        <FilterSelect name="type" label="Story type" value={type} options={STORY_TYPES.map((t) => ({ value: t, label: STORY_TYPE_LABELS[t] }))} />
        <FilterSelect
          name="live"
          label="Live blogs"
          value={liveBlog}
          options={[
            { value: 'live', label: 'Live now' },
            { value: 'ended', label: 'Coverage ended' },
            { value: 'any', label: 'Any live blog' },
          ]}
        />
        <FilterSelect name="section" label="Section" value={sectionId} options={sections.map((s) => ({ value: s.id, label: s.name }))} />
        <FilterSelect name="author" label="Author" value={authorId} options={authors.map((a) => ({ value: a.id, label: a.name }))} />
        <div className="field">
          <label htmlFor="filter-sort">Sort by</label>
          <select id="filter-sort" name="sort" defaultValue={sort ?? 'updated'}>
            <option value="updated">Last saved</option>
            <option value="published">Publication date</option>
            <option value="headline">Headline (A–Z)</option>
          </select>
        </div>
        <button className="button" type="submit">
          Filter
        </button>
        <Link className="button button--secondary" href="/admin/articles/new" prefetch={false}>
          New article
        </Link>
        <Link className="button button--secondary" href="/admin/import" prefetch={false}>
          Import
        </Link>
        <Link href={trash ? '/admin/articles' : '/admin/articles?trash=1'} prefetch={false}>
          {trash ? 'Back to articles' : 'Trash'}
        </Link>
      </form>
      <p>
        {total} {total === 1 ? 'article' : 'articles'}
        {pageCount > 1 && `, page ${Math.min(page, pageCount)} of ${pageCount}`}
      </p>
      <ArticleTable articles={items} timeZone={siteConfig().timeZone} caption="Articles" />
      <NewerOlderLinks label="Article list pages" page={page} pageCount={pageCount} pageLink={pageLink} />
    </>
  );
}

/** One of the list's filters: a labelled choice with "Any" first. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | number | undefined;
  options: readonly { value: string | number; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { countArticlesByStatus, listNewsroomArticles } from '@/db/newsroom';
import { articleStatuses, type ArticleStatus } from '@/db/schema';
import { ArticleTable } from '@/components/admin/ArticleTable';
import { BreakingNewsForm } from '@/components/admin/BreakingNewsForm.client';
import { getBreakingNewsNow } from '@/db/breaking-news';
import { formatDateTime } from '@/lib/dates';
import { initialFormState } from '@/lib/newsroom/forms/admin-form';
import { emptyBreakingNewsForm } from '@/lib/newsroom/forms/breaking-news-form';
import { clearBanner, setBanner } from './breaking-news-actions';
import { ViewsChart } from '@/components/admin/ViewsChart';
import { listDailyViews } from '@/db/views';
import { requireUser } from '@/lib/auth/current-user';
import { can, canEditArticle } from '@/lib/auth/roles';
import { countRecentLockouts } from '@/lib/auth/sign-in';
import { newsroomPages } from '@/lib/newsroom/pages';
import { siteConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Dashboard' };

const STATUS_LABELS = { draft: 'Drafts', review: 'In review', scheduled: 'Scheduled', published: 'Published', archived: 'Archived' };

export default async function DashboardPage({ searchParams }: PageProps<'/admin'>) {
  const user = await requireUser();
  const { denied } = await searchParams;
  // Writers see their own articles only, as in the article list; editors and admins the whole newsroom.
  const createdBy = can(user.role, 'article:edit-any') ? undefined : user.id;
  const counts = countArticlesByStatus(undefined, createdBy);
  const inReview = listNewsroomArticles({ status: 'review', createdBy, page: 1 }).items.slice(0, 10);
  const scheduled = listNewsroomArticles({ status: 'scheduled', createdBy, page: 1 }).items.slice(0, 10);
  const recent = listNewsroomArticles({ status: 'published', createdBy, page: 1 }).items.slice(0, 10);
  // Every row is theirs then; a writer may open a draft or an article in review, not a live or scheduled one.
  const mayOpen = (article: { status: ArticleStatus }) => createdBy === undefined || canEditArticle(user, createdBy, article.status);
  const lockouts = can(user.role, newsroomPages.audit.permission) ? countRecentLockouts() : 0;
  const { timeZone } = siteConfig();
  // Editors and admins only (the actions check it again); writers get no form.
  const banner = can(user.role, 'breaking-news:manage') ? getBreakingNewsNow() : null;
  return (
    <>
      <h1>Dashboard</h1>
      {denied && (
        <p className="notice notice--error" role="alert">
          Your role ({user.role}) does not allow that.
        </p>
      )}
      {lockouts > 0 && (
        <p className="notice notice--error" id="lockouts-notice">
          {lockouts === 1 ? '1 sign-in lockout' : `${lockouts} sign-in lockouts`} in the last 24 hours: someone entered wrong
          passwords again and again.{' '}
          <Link href={`${newsroomPages.audit.path}?show=lockouts`} prefetch={false}>
            See which accounts and addresses in the audit log
          </Link>
          .
        </p>
      )}
      {can(user.role, 'breaking-news:manage') && (
        <section className="panel" aria-labelledby="breaking-title">
          <h2 id="breaking-title">Breaking news</h2>
          <BreakingNewsForm
            setAction={setBanner}
            clearAction={clearBanner}
            initial={initialFormState(emptyBreakingNewsForm)}
            now={
              banner && {
                text: banner.text,
                link: banner.link,
                expires: banner.expiresAt === null ? null : formatDateTime(banner.expiresAt, timeZone),
                showing: banner.showing,
              }
            }
            articleLinks={recent.map((article) => ({ path: `/${article.sectionSlug}/${article.slug}`, headline: article.headline }))}
            timeZone={timeZone}
          />
        </section>
      )}
      <section className="panel" aria-labelledby="counts-title">
        <h2 id="counts-title">Articles</h2>
        <ul className="stats">
          {articleStatuses.map((status) => (
            <li key={status}>
              <Link href={`/admin/articles?status=${status}`} prefetch={false}>
                <strong>{counts[status]}</strong> {STATUS_LABELS[status]}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="views-title">
        <h2 id="views-title">Readers, last 7 days</h2>
        <ViewsChart days={listDailyViews(7)} timeZone={siteConfig().timeZone} />
      </section>
      <section className="panel" aria-labelledby="review-title">
        <h2 id="review-title">Waiting for review</h2>
        <ArticleTable articles={inReview} timeZone={siteConfig().timeZone} caption="Articles submitted for review" mayOpen={mayOpen} />
      </section>
      <section className="panel" aria-labelledby="scheduled-title">
        <h2 id="scheduled-title">Scheduled</h2>
        <ArticleTable articles={scheduled} timeZone={siteConfig().timeZone} caption="Scheduled articles" mayOpen={mayOpen} />
      </section>
      <section className="panel" aria-labelledby="recent-title">
        <h2 id="recent-title">Recently published</h2>
        <ArticleTable articles={recent} timeZone={siteConfig().timeZone} caption="Recently published articles" mayOpen={mayOpen} />
      </section>
    </>
  );
}

import Link from 'next/link';
import type { NewsroomArticleRow } from '@/db/newsroom';
import { Timestamp } from '@/components/site/Timestamp';
import { STORY_TYPE_LABELS } from '@/lib/story-types';

export function ArticleTable({
  articles,
  timeZone,
  caption,
  mayOpen = () => true,
}: {
  articles: readonly NewsroomArticleRow[];
  timeZone: string;
  caption: string;
  /** Whether the reader of the table may open an article in the editor; if not, its headline is plain text. */
  mayOpen?: (article: NewsroomArticleRow) => boolean;
}) {
  if (articles.length === 0) return <p>None.</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Headline</th>
          <th scope="col">Status</th>
          <th scope="col">Type</th>
          <th scope="col">Section</th>
          <th scope="col">Created by</th>
          <th scope="col">Last saved</th>
        </tr>
      </thead>
      <tbody>
        {articles.map((article) => (
          <tr key={article.id}>
            <td>
              {mayOpen(article) ? (
                <Link href={`/admin/articles/${article.id}`} prefetch={false}>
                  {article.headline}
                </Link>
              ) : (
                article.headline
              )}
            </td>
            <td>
              <span className={`status status--${article.status}`}>{article.status}</span>
              {article.liveBlog && <span className={`status status--live-${article.liveBlog}`}>{article.liveBlog === 'live' ? 'live blog' : 'live blog ended'}</span>}
            </td>
            <td>{STORY_TYPE_LABELS[article.type]}</td>
            <td>{article.sectionName}</td>
            <td>{article.createdByName ?? '—'}</td>
            <td>
              <Timestamp epochMs={article.updatedAt} timeZone={timeZone} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import Link from 'next/link';
import type { ArticleTeaser } from '@/db/articles/model';
import { articlePath } from '@/lib/paths';
import { StoryKicker } from './StoryKicker';

/** A titled, compact list of headlines: related stories, trending, a section's latest. */
export function StoryList({
  title,
  articles,
  numbered = false,
  id,
}: {
  title: string;
  articles: readonly ArticleTeaser[];
  numbered?: boolean;
  id: string;
}) {
  if (articles.length === 0) return null;
  const List = numbered ? 'ol' : 'ul';
  return (
    <section className={`story-list${numbered ? ' story-list--numbered' : ''}`} aria-labelledby={id}>
      <h2 className="story-list__title" id={id}>
        {title}
      </h2>
      <List className="story-list__items">
        {articles.map((article) => (
          <li key={article.id}>
            <span className="story-list__section">{article.section.name}</span>
            <StoryKicker type={article.type} className="story-list__kicker" />
            <Link href={articlePath(article)} prefetch={false}>
              {article.headline}
            </Link>
          </li>
        ))}
      </List>
    </section>
  );
}

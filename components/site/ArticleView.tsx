import type { ReactNode } from 'react';
import type { Article, ArticleTeaser } from '@/db/articles/model';
import { sectionCrumbs } from '@/lib/paths';
import { readingMinutes } from '@/lib/reader/reading-time';
import { Breadcrumbs } from './Breadcrumbs';
import { Byline } from './Byline';
import { Corrections } from './Corrections';
import { EMBED_SCRIPT } from './EmbedScript';
import { HeroImage } from './HeroImage';
import { KeyPoints } from './KeyPoints';
import { ShareLinks } from './ShareLinks';
import { StoryKicker } from './StoryKicker';
import { StoryList } from './StoryList';
import { TagList } from './TagList';
import { ViewBeacon } from './ViewBeacon';

/** A whole article page's content: the story in reading order, then related and trending. */
export function ArticleView({
  article,
  related,
  trending,
  timeZone,
  countViews = true,
  notPublished,
  liveBlog,
  shareUrl,
}: {
  article: Article;
  related: readonly ArticleTeaser[];
  trending: readonly ArticleTeaser[];
  timeZone: string;
  /** False in the newsroom's preview: editors' reading is not readership. */
  countViews?: boolean;
  /** For a preview of an article readers cannot see: what the byline says instead of a publication date. */
  notPublished?: string;
  /** A live blog's coverage (components/site/LiveBlog.tsx), shown after the body. */
  liveBlog?: ReactNode;
  /** The article's public address, for the share links; none in the newsroom's preview. */
  shareUrl?: string;
}) {
  return (
    <div className="article-layout wrap">
      <article className={`article${article.type === 'opinion' ? ' article--opinion' : ''}`}>
        <Breadcrumbs crumbs={sectionCrumbs(article.section)} />
        <StoryKicker type={article.type} className="article__kicker" />
        {article.live && (
          <p className="article__live">
            <span className="live-label">Live</span>
          </p>
        )}
        <h1 className="article__headline">{article.headline}</h1>
        <p className="article__summary">{article.summary}</p>
        <Byline
          authors={article.authors}
          publishedAt={article.publishedAt}
          updatedAt={article.updatedAt}
          timeZone={timeZone}
          notPublished={notPublished}
          readingMinutes={readingMinutes(article.body)}
        />
        {article.image && <HeroImage image={article.image} />}
        <div className="article__body prose" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        {/* Embeds load on a click (lib/story-blocks); previews, like the newsroom, run no reader script. */}
        {countViews && article.bodyHtml.includes('data-embed=') && <script dangerouslySetInnerHTML={{ __html: EMBED_SCRIPT }} />}
        {liveBlog}
        <KeyPoints title={article.keyPointsTitle} points={article.keyPoints} />
        {article.whyItMatters && (
          <section className="why-it-matters" aria-labelledby="why-it-matters-title">
            <h2 id="why-it-matters-title">Why This Matters</h2>
            <div className="prose" dangerouslySetInnerHTML={{ __html: article.whyItMattersHtml }} />
          </section>
        )}
        {article.contextNote && (
          <aside className="context-note" aria-label="Context">
            <p>{article.contextNote}</p>
          </aside>
        )}
        <Corrections corrections={article.corrections} timeZone={timeZone} />
        {shareUrl && <ShareLinks url={shareUrl} headline={article.headline} />}
        <TagList tags={article.tags} />
        <StoryList id="related-title" title="Related Articles" articles={related} />
      </article>
      <aside className="article-layout__aside" aria-label="Trending">
        <StoryList id="trending-title" title="Trending" articles={trending} numbered />
      </aside>
      {countViews && <ViewBeacon articleId={article.id} />}
    </div>
  );
}

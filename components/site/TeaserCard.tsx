import Link from 'next/link';
import type { ArticleTeaser } from '@/db/articles/model';
import { articlePath, sectionPath } from '@/lib/paths';
import { ResponsiveImage } from './ResponsiveImage';
import { StoryKicker } from './StoryKicker';
import { Timestamp } from './Timestamp';

export type TeaserVariant = 'lead' | 'standard' | 'compact';

/** The id of the first story in page order that shows an image: its image is the one to fetch at once. */
export function firstWithImage(articles: readonly ArticleTeaser[]): number | undefined {
  return articles.find((article) => article.image !== null)?.id;
}

/** One story in a list: headline link, and depending on the variant the image, summary, section and time. */
export function TeaserCard({
  article,
  variant,
  timeZone,
  showSection = true,
  headingLevel = 3,
  firstOnScreen = false,
  imageSizes,
}: {
  article: ArticleTeaser;
  variant: TeaserVariant;
  timeZone: string;
  showSection?: boolean;
  headingLevel?: 2 | 3;
  /** How wide the list around the card shows its image: one of lib/media/responsive-images.ts's `imageSizes`. */
  imageSizes: string;
  /** The page's first image, on screen as it loads: fetched at once, first (the rest wait until scrolled near). */
  firstOnScreen?: boolean;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const image = variant !== 'compact' ? article.image : null;
  return (
    <article className={`teaser teaser--${variant}${image ? '' : ' teaser--no-image'}${article.type === 'opinion' ? ' teaser--opinion' : ''}`}>
      {image && (
        // The image repeats the headline link's target; it is hidden from the tab order and screen readers.
        <ResponsiveImage
          className="teaser__image"
          image={image}
          sizes={imageSizes}
          alt=""
          loading={firstOnScreen ? 'eager' : 'lazy'}
          fetchPriority={firstOnScreen ? 'high' : undefined}
        />
      )}
      <div className="teaser__text">
        {showSection && (
          <Link className="teaser__section" href={sectionPath(article.section)} prefetch={false}>
            {article.section.name}
          </Link>
        )}
        <StoryKicker type={article.type} />
        <Heading className="teaser__headline">
          {article.live && <span className="live-label">Live</span>}{article.live && ' '}
          <Link href={articlePath(article)} prefetch={false}>
            {article.headline}
          </Link>
        </Heading>
        {variant !== 'compact' && <p className="teaser__summary">{article.summary}</p>}
        <p className="teaser__meta">
          <Timestamp epochMs={article.publishedAt} timeZone={timeZone} />
        </p>
      </div>
    </article>
  );
}

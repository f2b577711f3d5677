import type { ArticleTeaser } from '@/db/articles/model';
import { imageSizes } from '@/lib/media/responsive-images';
import { TeaserCard } from './TeaserCard';

/** A front's lead story and the grid of top stories under it: the front page's, and an arranged section front's. */
export function TopStories({
  lead,
  topStories,
  timeZone,
  firstImageId,
  showSection = true,
  className = 'front__headlines',
}: {
  lead: ArticleTeaser;
  topStories: readonly ArticleTeaser[];
  timeZone: string;
  /** The story whose image is the first on screen (fetched eagerly). */
  firstImageId: number | undefined;
  showSection?: boolean;
  className?: string;
}) {
  return (
    <section className={className} aria-label="Top stories">
      <TeaserCard
        article={lead}
        variant="lead"
        timeZone={timeZone}
        showSection={showSection}
        headingLevel={2}
        firstOnScreen={lead.id === firstImageId}
        imageSizes={imageSizes.leadTeaser}
      />
      {topStories.length > 0 && (
        <div className="teaser-grid">
          {topStories.map((article) => (
            <TeaserCard
              key={article.id}
              article={article}
              variant="standard"
              timeZone={timeZone}
              showSection={showSection}
              headingLevel={2}
              firstOnScreen={article.id === firstImageId}
              imageSizes={imageSizes.teaserGrid}
            />
          ))}
        </div>
      )}
    </section>
  );
}

import type { ReactNode } from 'react';
import type { Paged } from '@/db/types';
import type { ArticleTeaser } from '@/db/articles/model';
import { imageSizes } from '@/lib/media/responsive-images';
import { Pagination } from './Pagination';
import { firstWithImage, TeaserCard } from './TeaserCard';
import { TopStories } from './TopStories';

/** A paginated list of stories under a heading: the shape of section, tag and author pages. */
export function ArticleIndex({
  title,
  intro,
  listing,
  pathFor,
  timeZone,
  showSection,
  top = null,
}: {
  title: string;
  intro?: ReactNode;
  listing: Paged<ArticleTeaser>;
  pathFor: (page: number) => string;
  timeZone: string;
  showSection: boolean;
  /** A section front's lead and top stories as editors arranged them, shown above the list. */
  top?: readonly ArticleTeaser[] | null;
}) {
  const firstImageId = firstWithImage([...(top ?? []), ...listing.items]);
  const [lead, ...topStories] = top ?? [];
  return (
    <div className="wrap index-page">
      <header className="index-page__header">
        <h1>
          {title}
          {listing.page > 1 && <span className="index-page__page"> · page {listing.page}</span>}
        </h1>
        {intro}
      </header>
      {lead && (
        <TopStories
          lead={lead}
          topStories={topStories}
          timeZone={timeZone}
          firstImageId={firstImageId}
          showSection={showSection}
          className="front__headlines index-page__top"
        />
      )}
      {lead && listing.items.length > 0 && <h2 className="index-page__latest">Latest</h2>}
      {listing.items.length === 0 && !lead ? (
        <p className="empty">Nothing has been published here yet.</p>
      ) : (
        <div className="index-page__list">
          {listing.items.map((article) => (
            <TeaserCard
              key={article.id}
              article={article}
              variant="standard"
              timeZone={timeZone}
              showSection={showSection}
              headingLevel={2}
              firstOnScreen={article.id === firstImageId}
              imageSizes={imageSizes.listing}
            />
          ))}
        </div>
      )}
      <Pagination page={listing.page} pageCount={listing.pageCount} pathFor={pathFor} label={`${title} pages`} />
    </div>
  );
}

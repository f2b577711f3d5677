import type { ReactNode } from 'react';
import type { Paged } from '@/db/types';
import type { ArticleTeaser } from '@/db/articles/model';
import { imageSizes } from '@/lib/media/responsive-images';
import { Pagination } from './Pagination';
import { firstWithImage, TeaserCard } from './TeaserCard';

/** A paginated list of stories under a heading: the shape of section, tag and author pages. */
export function ArticleIndex({
  title,
  intro,
  listing,
  pathFor,
  timeZone,
  showSection,
}: {
  title: string;
  intro?: ReactNode;
  listing: Paged<ArticleTeaser>;
  pathFor: (page: number) => string;
  timeZone: string;
  showSection: boolean;
}) {
  const firstImageId = firstWithImage(listing.items);
  return (
    <div className="wrap index-page">
      <header className="index-page__header">
        <h1>
          {title}
          {listing.page > 1 && <span className="index-page__page"> · page {listing.page}</span>}
        </h1>
        {intro}
      </header>
      {listing.items.length === 0 ? (
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

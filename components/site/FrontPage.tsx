import Link from 'next/link';
import type { Section } from '@/db/types';
import type { ArticleTeaser } from '@/db/articles/model';
import { sectionPath } from '@/lib/paths';
import { imageSizes } from '@/lib/media/responsive-images';
import { StoryList } from './StoryList';
import { firstWithImage, TeaserCard } from './TeaserCard';
import { TopStories } from './TopStories';

export interface SectionBlock {
  section: Section;
  articles: ArticleTeaser[];
}

export function FrontPage({
  siteName,
  lead,
  topStories,
  sectionBlocks,
  trending,
  timeZone,
}: {
  siteName: string;
  lead: ArticleTeaser | null;
  topStories: readonly ArticleTeaser[];
  sectionBlocks: readonly SectionBlock[];
  trending: readonly ArticleTeaser[];
  timeZone: string;
}) {
  const firstImageId = firstWithImage([...(lead ? [lead] : []), ...topStories, ...sectionBlocks.flatMap((block) => block.articles)]);
  return (
    <div className="wrap front">
      <h1 className="visually-hidden">{siteName}: the latest news</h1>
      {lead === null ? (
        <p className="empty">No stories have been published yet.</p>
      ) : (
        <div className="front__top">
          <TopStories lead={lead} topStories={topStories} timeZone={timeZone} firstImageId={firstImageId} />
          <aside className="front__aside" aria-label="Trending">
            <StoryList id="trending-title" title="Trending" articles={trending} numbered />
          </aside>
        </div>
      )}
      {sectionBlocks.map(({ section, articles }) => (
        <section key={section.slug} className="section-block" aria-labelledby={`block-${section.slug}`}>
          <h2 className="section-block__title" id={`block-${section.slug}`}>
            <Link href={sectionPath(section)} prefetch={false}>
              {section.name}
            </Link>
          </h2>
          <div className="teaser-grid teaser-grid--four">
            {articles.map((article) => (
              <TeaserCard
                key={article.id}
                article={article}
                variant="standard"
                timeZone={timeZone}
                showSection={false}
                firstOnScreen={article.id === firstImageId}
                imageSizes={imageSizes.teaserGridFour}
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

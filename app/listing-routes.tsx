import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleIndex } from '@/components/site/ArticleIndex';
import { AuthorProfile } from '@/components/site/AuthorProfile';
import { siteConfig } from '@/lib/config';
import { authorPath, sectionPath, tagPath } from '@/lib/paths';
import { loadAuthorListing, loadSectionListing, loadTagListing } from '@/lib/reader-pages';
import { pageMetadata } from '@/lib/seo';

/**
 * Section, tag and author pages, shared by each listing's first-page route and its `page/[page]`
 * route (where `?page=N` is rewritten to, see next.config.ts).
 */

function listingTitle(name: string, page: number) {
  return page > 1 ? `${name} (page ${page})` : name;
}

export async function sectionListingMetadata(slug: string, rawPage?: string): Promise<Metadata> {
  const data = await loadSectionListing(slug, rawPage);
  if (!data) return {};
  const { owner, listing } = data;
  return pageMetadata({
    title: listingTitle(owner.name, listing.page),
    description: owner.description || `The latest ${owner.name} news.`,
    path: sectionPath(owner, listing.page),
  });
}

export async function SectionListing({ slug, rawPage }: { slug: string; rawPage?: string }) {
  const data = await loadSectionListing(slug, rawPage);
  if (!data) notFound();
  const { owner, listing } = data;
  return (
    <ArticleIndex
      title={owner.name}
      intro={owner.description ? <p>{owner.description}</p> : undefined}
      listing={listing}
      pathFor={(page) => sectionPath(owner, page)}
      timeZone={siteConfig().timeZone}
      showSection={false}
    />
  );
}

export async function tagListingMetadata(slug: string, rawPage?: string): Promise<Metadata> {
  const data = await loadTagListing(slug, rawPage);
  if (!data) return {};
  const { owner, listing } = data;
  return pageMetadata({
    title: listingTitle(owner.name, listing.page),
    description: `News and analysis about ${owner.name}.`,
    path: tagPath(owner, listing.page),
  });
}

export async function TagListing({ slug, rawPage }: { slug: string; rawPage?: string }) {
  const data = await loadTagListing(slug, rawPage);
  if (!data) notFound();
  const { owner, listing } = data;
  return (
    <ArticleIndex
      title={owner.name}
      listing={listing}
      pathFor={(page) => tagPath(owner, page)}
      timeZone={siteConfig().timeZone}
      showSection
    />
  );
}

export async function authorListingMetadata(slug: string, rawPage?: string): Promise<Metadata> {
  const data = await loadAuthorListing(slug, rawPage);
  if (!data) return {};
  const { owner, listing } = data;
  return pageMetadata({
    title: listingTitle(owner.name, listing.page),
    description: owner.bio || `Articles by ${owner.name}.`,
    path: authorPath(owner, listing.page),
  });
}

export async function AuthorListing({ slug, rawPage }: { slug: string; rawPage?: string }) {
  const data = await loadAuthorListing(slug, rawPage);
  if (!data) notFound();
  const { owner, listing } = data;
  return (
    <ArticleIndex
      title={owner.name}
      intro={<AuthorProfile author={owner} />}
      listing={listing}
      pathFor={(page) => authorPath(owner, page)}
      timeZone={siteConfig().timeZone}
      showSection
    />
  );
}

import type { Metadata } from 'next';
import { CacheTagsMark } from '@/components/site/CacheTagsMark';
import { pageCacheTags } from '@/lib/cache/page-tags';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ArticleIndex } from '@/components/site/ArticleIndex';
import { AuthorProfile } from '@/components/site/AuthorProfile';
import { JsonLd } from '@/components/site/JsonLd';
import type { Author, Section, Tag } from '@/db/types';
import { siteConfig } from '@/lib/config';
import { authorPath, HOME_CRUMB, sectionCrumbs, sectionPath, tagPath } from '@/lib/paths';
import { loadAuthorListing, loadSectionListing, loadTagListing, type Listing, type SectionListing } from '@/lib/reader/pages';
import { pageMetadata } from '@/lib/reader/seo';
import { collectionPageJsonLd, profilePageJsonLd, type JsonLdGraph } from '@/lib/reader/structured-data';

/**
 * Section, tag and author pages, shared by each listing's first-page route and its `page/[page]`
 * route (where the server sends `?page=N`, see server/reader-routing.ts).
 */

interface ListingKind<Owner extends { name: string }> {
  load: (slug: string, rawPage?: string) => Promise<Listing<Owner> | null>;
  path: (owner: Owner, page: number) => string;
  description: (owner: Owner) => string;
  intro: (owner: Owner) => ReactNode;
  showSection: boolean;
  /** Structured data for search engines: what the page is, and the trail to it. */
  jsonLd: (owner: Owner, path: string, description: string) => JsonLdGraph;
}

const listingKinds = {
  section: {
    load: loadSectionListing,
    path: sectionPath,
    description: (section) => section.description || `The latest ${section.name} news.`,
    intro: (section) => (section.description ? <p>{section.description}</p> : undefined),
    showSection: false,
    jsonLd: (section, path, description) => collectionPageJsonLd({ name: section.name, description, path }, sectionCrumbs(section)),
  } satisfies ListingKind<Section>,
  tag: {
    load: loadTagListing,
    path: tagPath,
    description: (tag) => `News and analysis about ${tag.name}.`,
    intro: () => undefined,
    showSection: true,
    jsonLd: (tag, path, description) =>
      collectionPageJsonLd({ name: tag.name, description, path }, [HOME_CRUMB, { name: 'Topics', path: '/tags' }, { name: tag.name, path: tagPath(tag) }]),
  } satisfies ListingKind<Tag>,
  author: {
    load: loadAuthorListing,
    path: authorPath,
    description: (author) => author.bio || `Articles by ${author.name}.`,
    intro: (author) => <AuthorProfile author={author} />,
    showSection: true,
    jsonLd: (author, path) =>
      profilePageJsonLd(author, path, [HOME_CRUMB, { name: 'Our journalists', path: '/authors' }, { name: author.name, path: authorPath(author) }]),
  } satisfies ListingKind<Author>,
};

type ListingKindName = keyof typeof listingKinds;

// One signature for every kind: the owner type is known inside each entry above.
const kindOf = (kind: ListingKindName) => listingKinds[kind] as unknown as ListingKind<Section | Tag | Author>;

export async function listingMetadata(kind: ListingKindName, slug: string, rawPage?: string): Promise<Metadata> {
  const { load, path, description } = kindOf(kind);
  const data = await load(slug, rawPage);
  if (!data) return {};
  const { owner, listing } = data;
  return pageMetadata({
    title: listing.page > 1 ? `${owner.name} (page ${listing.page})` : owner.name,
    description: description(owner),
    path: path(owner, listing.page),
    feedSection: kind === 'section' ? owner : undefined,
  });
}

export async function ListingPage({ kind, slug, rawPage }: { kind: ListingKindName; slug: string; rawPage?: string }) {
  const { load, path, intro, showSection, description, jsonLd } = kindOf(kind);
  const data = await load(slug, rawPage);
  if (!data) notFound();
  const { owner, listing } = data;
  return (
    <>
      <JsonLd graph={jsonLd(owner, path(owner, listing.page), description(owner))} />
      <CacheTagsMark tags={pageCacheTags()} />
      <ArticleIndex
        title={owner.name}
        intro={intro(owner)}
        listing={listing}
        pathFor={(page) => path(owner, page)}
        timeZone={siteConfig().timeZone}
        showSection={showSection}
        top={kind === 'section' ? (data as SectionListing).top : null}
      />
    </>
  );
}

import { ImageResponse } from 'next/og';
import { ShareCard } from '@/components/share/ShareCard';
import { getPublishedArticleCard } from '@/db/articles';
import { siteConfig } from '@/lib/config';
import { shareImageDrawing } from '@/lib/share-image-fonts';
import { parseShareImageName, SHARE_IMAGE_SIZE } from '@/lib/share-images';

// Drawn on request: each edit gets a new address (lib/share-images.ts), and shared caches keep the result.
export const dynamic = 'force-dynamic';

/** An article's share card (`/share/<id>-<version>.png`) or the site's (`/share/site.png`); 404 for anything else. */
export async function GET(_request: Request, { params }: RouteContext<'/share/[image]'>) {
  const name = parseShareImageName((await params).image);
  const { name: siteName } = siteConfig();
  const card =
    name?.kind === 'article'
      ? getPublishedArticleCard(name.id)
      : name?.kind === 'site'
        ? { sectionName: 'News', headline: `${siteName}: the latest news` }
        : null;
  if (!card) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const { fonts, drawable } = await shareImageDrawing();
  return new ImageResponse(<ShareCard kicker={drawable(card.sectionName)} headline={drawable(card.headline)} siteName={drawable(siteName)} />, {
    ...SHARE_IMAGE_SIZE,
    fonts,
  });
}

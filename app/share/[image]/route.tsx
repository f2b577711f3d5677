import { ImageResponse } from 'next/og';
import { ShareCard } from '@/components/share/ShareCard';
import { shareCardFor, shareImagesDir } from '@/lib/syndication/share-cards';
import { shareImageDrawing } from '@/lib/syndication/share-image-fonts';
import { storedShareImage } from '@/lib/syndication/share-image-store';
import { parseShareImageName, SHARE_IMAGE_SIZE } from '@/lib/syndication/share-images';

// Each article's current card is drawn once and stored (lib/share-image-store.ts); its address changes with every edit.
export const dynamic = 'force-dynamic';

/**
 * An article's current share card (`/share/<id>-<version>.png`; another version is redirected to it) or the
 * site's (`/share/site.png`); 404 for anything else.
 */
export async function GET(_request: Request, { params }: RouteContext<'/share/[image]'>) {
  const card = shareCardFor(parseShareImageName((await params).image));
  if (!card) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  // Briefly: the current version changes with the next edit.
  if ('moved' in card) return new Response(null, { status: 301, headers: { Location: card.moved, 'Cache-Control': 'public, max-age=60' } });
  const image = await storedShareImage(shareImagesDir(), card.key, async () => {
    const { fonts, drawable } = await shareImageDrawing();
    const drawn = new ImageResponse(<ShareCard kicker={drawable(card.kicker)} headline={drawable(card.headline)} siteName={drawable(card.siteName)} />, {
      ...SHARE_IMAGE_SIZE,
      fonts,
    });
    return Buffer.from(await drawn.arrayBuffer());
  });
  return new Response(new Uint8Array(image), { headers: { 'Content-Type': 'image/png', 'Content-Length': String(image.length) } });
}

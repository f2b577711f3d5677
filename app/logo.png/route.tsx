import { ImageResponse } from 'next/og';
import { Logo } from '@/components/share/ShareCard';
import { siteConfig } from '@/lib/config';
import { shareImageDrawing } from '@/lib/syndication/share-image-fonts';
import { SITE_LOGO } from '@/lib/syndication/share-images';

export const dynamic = 'force-dynamic';

/** The publisher logo that structured data names (NewsMediaOrganization.logo). */
export async function GET() {
  const { fonts, drawable } = await shareImageDrawing();
  return new ImageResponse(<Logo siteName={drawable(siteConfig().name)} />, {
    width: SITE_LOGO.width,
    height: SITE_LOGO.height,
    fonts,
  });
}

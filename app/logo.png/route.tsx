import { ImageResponse } from 'next/og';
import { Logo } from '@/components/share/ShareCard';
import { siteConfig } from '@/lib/config';
import { shareImageFonts } from '@/lib/share-image-fonts';
import { SITE_LOGO } from '@/lib/share-images';

export const dynamic = 'force-dynamic';

/** The publisher logo that structured data names (NewsMediaOrganization.logo). */
export async function GET() {
  return new ImageResponse(<Logo siteName={siteConfig().name} />, {
    width: SITE_LOGO.width,
    height: SITE_LOGO.height,
    fonts: await shareImageFonts(),
  });
}

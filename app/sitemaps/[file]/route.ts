import { sitemapResponse } from '@/lib/syndication/routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function GET(_request: Request, { params }: RouteContext<'/sitemaps/[file]'>) {
  return sitemapResponse((await params).file);
}

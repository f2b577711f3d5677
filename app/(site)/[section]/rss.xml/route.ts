import { feedResponse } from '@/lib/syndication/routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function GET(_request: Request, { params }: RouteContext<'/[section]/rss.xml'>) {
  return feedResponse('rss', (await params).section);
}

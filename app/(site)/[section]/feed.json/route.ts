import { feedResponse } from '@/lib/syndication/routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function GET(_request: Request, { params }: RouteContext<'/[section]/feed.json'>) {
  return feedResponse('json', (await params).section);
}

import { feedResponse } from '@/lib/syndication/routes';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function GET(_request: Request, { params }: RouteContext<'/[section]/atom.xml'>) {
  return feedResponse('atom', (await params).section);
}

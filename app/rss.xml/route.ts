import { feedResponse } from '@/lib/syndication/routes';

export const revalidate = 60;

export const GET = () => feedResponse('rss');

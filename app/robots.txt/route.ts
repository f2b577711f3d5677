import { robotsResponse } from '@/lib/syndication/routes';

// Only the configuration (BASE_URL) shapes it; re-rendered now and then so a changed one shows.
export const revalidate = 3600;

export const GET = () => robotsResponse();

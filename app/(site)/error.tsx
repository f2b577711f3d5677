'use client';

import { ServerError } from '@/components/site/NotFound';

/**
 * A page that fails while a reader moves around the site with JavaScript (the client router fetched it):
 * the site's error message inside the site's frame. Pages loaded whole get the same message from
 * server/main.ts (server/fault-pages.ts), without needing JavaScript. Next requires this file to be a
 * client component, whence 'use client' in a file not named *.client.tsx.
 */
export default function SiteError() {
  return <ServerError />;
}

import type { Metadata } from 'next';
import { NotFound } from '@/components/site/NotFound';

// Next adds robots noindex to every 404 itself.
export const metadata: Metadata = { title: 'Page not found' };

/** Unknown URLs and every notFound() in a reader page, inside the site's frame. */
export default function NotFoundPage() {
  return <NotFound />;
}

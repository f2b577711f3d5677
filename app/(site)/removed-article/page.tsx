import type { Metadata } from 'next';
import { ArticleRemoved } from '@/components/site/NotFound';

/**
 * Rendered for the address of a deleted article; the server answers it with status 410 Gone
 * (server/reader-routing.ts). Its own address is not public: the router sends `/removed-article` to the 404.
 */
export const metadata: Metadata = { title: 'Article removed', robots: { index: false, follow: true } };

export default function RemovedArticlePage() {
  return <ArticleRemoved />;
}

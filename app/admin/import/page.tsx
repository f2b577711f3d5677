import type { Metadata } from 'next';
import { ImportForm } from '@/components/admin/ImportForm.client';
import { requireUser } from '@/lib/auth/current-user';
import { importArticle } from './actions';

export const metadata: Metadata = { title: 'Import an article' };

export default async function ImportPage() {
  await requireUser('article:create');
  return (
    <>
      <h1>Import an article</h1>
      <ImportForm importArticle={importArticle} />
    </>
  );
}

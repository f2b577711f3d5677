import type { Metadata } from 'next';
import { emptyArticleForm } from '@/lib/newsroom/forms/article-form';
import { requireUser } from '@/lib/auth/current-user';
import { EditorPage } from '../editor-page';

export const metadata: Metadata = { title: 'New article' };

export default async function NewArticlePage() {
  const user = await requireUser('article:create');
  const values = emptyArticleForm();
  if (user.authorId !== null) values.authorIds = [String(user.authorId)];
  return (
    <EditorPage
      title="New article"
      user={user}
      initial={{ articleId: null, version: 0, status: 'draft', values, errors: {}, message: null, conflict: null, formKey: 0 }}
      article={null}
    />
  );
}

import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getEditableArticle } from '@/db/newsroom';
import { requireUser } from '@/lib/auth/current-user';
import { canEditArticle } from '@/lib/auth/roles';
import { EditorPage } from '../editor-page';
import { SUCCESS_MESSAGES, withUnpublishedChanges } from '@/lib/newsroom/forms/editor-state';
import { storyBlockWarnings } from '@/lib/newsroom/use-cases/save-article';

export const metadata: Metadata = { title: 'Edit article' };

export default async function EditArticlePage({ params, searchParams }: PageProps<'/admin/articles/[id]'>) {
  const user = await requireUser();
  const id = Number((await params).id);
  const article = Number.isSafeInteger(id) && id > 0 ? getEditableArticle(id) : null;
  if (!article) notFound();
  if (!canEditArticle(user, article.createdBy, article.status)) redirect('/admin?denied=1');
  const { done } = await searchParams;
  const message = Object.entries(SUCCESS_MESSAGES).find(([intent]) => intent === done)?.[1];
  const shown = withUnpublishedChanges(article);
  return (
    <EditorPage
      title="Edit article"
      user={user}
      initial={{
        articleId: article.id,
        version: article.version,
        status: article.status,
        ...shown,
        errors: storyBlockWarnings(shown.values.body),
        message: message ? { kind: 'ok', text: message } : null,
        conflict: null,
        formKey: 0,
      }}
      article={article}
    />
  );
}

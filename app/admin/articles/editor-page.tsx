import { ArticleEditor } from '@/components/admin/ArticleEditor.client';
import { CorrectionForm } from '@/components/admin/CorrectionForm.client';
import { Timestamp } from '@/components/site/Timestamp';
import { listMediaChoices } from '@/db/media';
import { listAuthorChoices, listSectionChoices, type EditableArticle } from '@/db/newsroom';
import type { SessionUser } from '@/lib/auth/sessions';
import { can } from '@/lib/auth/roles';
import { siteConfig } from '@/lib/config';
import { restoreFromTrash, trashArticle } from './actions';
import type { EditorState } from './editor-state';

/** The editor with its choices, shared by the new-article and edit-article pages, plus corrections and trash. */
export function EditorPage({
  title,
  user,
  initial,
  article,
}: {
  title: string;
  user: SessionUser;
  initial: EditorState;
  article: EditableArticle | null;
}) {
  const { timeZone } = siteConfig();
  if (article?.deletedAt != null) {
    return (
      <>
        <h1>{title}</h1>
        <p className="notice notice--error" role="alert">
          “{article.headline}” is in the trash: readers cannot see it and it cannot be edited.
        </p>
        {can(user.role, 'article:delete') && (
          <form action={restoreFromTrash}>
            <input type="hidden" name="articleId" value={article.id} />
            <button className="button" type="submit">
              Restore from the trash
            </button>
          </form>
        )}
      </>
    );
  }
  return (
    <>
      <h1>{title}</h1>
      <ArticleEditor
        initial={initial}
        sections={listSectionChoices()}
        authors={listAuthorChoices()}
        canPublish={can(user.role, 'article:publish')}
        publicPath={article && `/${article.sectionSlug}/${article.slug}`}
        media={listMediaChoices(12, article?.heroMediaId ?? null)}
      />
      {article && (
        <section className="panel" aria-labelledby="corrections-title">
          <h2 id="corrections-title">Corrections</h2>
          {article.corrections.length === 0 ? (
            <p>None yet.</p>
          ) : (
            <ul>
              {article.corrections.map((correction) => (
                <li key={correction.id}>
                  <Timestamp epochMs={correction.publishedAt} timeZone={timeZone} />: {correction.text}
                </li>
              ))}
            </ul>
          )}
          {can(user.role, 'article:publish') && <CorrectionForm articleId={article.id} />}
        </section>
      )}
      {article && can(user.role, 'article:delete') && (
        <form action={trashArticle} className="panel">
          <input type="hidden" name="articleId" value={article.id} />
          <p>Moving to the trash takes the article off the site at once. It can be restored from the trash.</p>
          <button className="button button--danger" type="submit">
            Move to trash
          </button>
        </form>
      )}
    </>
  );
}

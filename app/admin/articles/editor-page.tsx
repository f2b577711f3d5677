import { ArticleEditor } from '@/components/admin/ArticleEditor.client';
import { VisualEditorDocumentsProvider } from '@/components/admin/BodyField.client';
import { ConfirmButton } from '@/components/admin/ConfirmButton.client';
import { CorrectionForm } from '@/components/admin/CorrectionForm.client';
import { Timestamp } from '@/components/site/Timestamp';
import { getMedia, listMediaChoices } from '@/db/media';
import { listAuthorChoices, listSectionChoices, type EditableArticle } from '@/db/newsroom';
import type { SessionUser } from '@/lib/auth/sessions';
import { can } from '@/lib/auth/roles';
import { siteConfig } from '@/lib/config';
import { prepublishCheck } from '@/lib/newsroom/prepublish';
import { editorDocuments } from '@/lib/editor/editor-documents';
import { findMedia, uploadMediaFromPicker } from '../media/actions';
import {
  addCorrectionToArticle,
  articlePresence,
  autosaveArticle,
  findArticlesToRelate,
  previewMarkdown,
  restoreFromTrash,
  saveArticle,
  trashArticle,
} from './actions';
import type { EditorState } from '@/lib/newsroom/forms/editor-state';
import { getLiveBlog } from '@/db/live-blogs';
import { startLiveBlogAction } from './[id]/live/actions';

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
      {/* The visual editor's documents for the texts as they open: the browser then loads no Markdown parser (decision 18). */}
      <VisualEditorDocumentsProvider documents={editorDocuments([initial.values.body, initial.values.whyItMatters])}>
        <ArticleEditor
          initial={initial}
          sections={listSectionChoices()}
          authors={listAuthorChoices()}
          canPublish={can(user.role, 'article:publish')}
          publicPath={article && `/${article.sectionSlug}/${article.slug}`}
          media={listMediaChoices(12, article?.heroMediaId ?? null)}
          publishCheck={{ timeZone, savedFindings: article ? savedFindings(article) : [] }}
          actions={{ saveArticle, autosaveArticle, articlePresence, previewMarkdown, findArticlesToRelate, findMedia, uploadMediaFromPicker }}
        />
      </VisualEditorDocumentsProvider>
      {article && <LiveBlogPanel articleId={article.id} canStart={can(user.role, 'article:publish')} />}
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
          {can(user.role, 'article:publish') && <CorrectionForm articleId={article.id} addCorrectionToArticle={addCorrectionToArticle} />}
        </section>
      )}
      {article && can(user.role, 'article:delete') && (
        <form action={trashArticle} className="panel">
          <input type="hidden" name="articleId" value={article.id} />
          <ConfirmButton label="Move to trash" title="Move this article to the trash?" confirmLabel="Yes, move to trash">
            {article.publishedAt !== null && article.status !== 'scheduled' ? (
              <p>
                It was published: once it is in the trash, readers and search engines will get 410 Gone at its address, at once, and
                search engines drop it.
              </p>
            ) : (
              <p>No reader has seen it.</p>
            )}
            <p>It leaves the newsroom’s lists; an editor can restore it from the trash, as a draft.</p>
          </ConfirmButton>
        </form>
      )}
    </>
  );
}

/** The way into the live blog's composer, or (editors) "Make this a live blog". */
function LiveBlogPanel({ articleId, canStart }: { articleId: number; canStart: boolean }) {
  const blog = getLiveBlog(articleId);
  if (!blog && !canStart) return null;
  return (
    <section className="panel" aria-labelledby="live-blog-title">
      <h2 id="live-blog-title">Live blog</h2>
      {blog ? (
        <p>
          {blog.endedAt === null ? 'This article is a live blog.' : 'This live blog’s coverage has ended.'}{' '}
          <a href={`/admin/articles/${articleId}/live`}>Open the live blog composer</a>
        </p>
      ) : (
        <form action={startLiveBlogAction}>
          <input type="hidden" name="articleId" value={articleId} />
          <p>Cover a developing story with timestamped updates, newest first, under a LIVE label.</p>
          <button className="button button--secondary" type="submit">
            Make this a live blog
          </button>
        </form>
      )}
    </section>
  );
}

/** The pre-publish check of the article as saved, shown next to Publish to editors without JavaScript. */
function savedFindings(article: EditableArticle) {
  const hero = article.heroMediaId === null ? null : getMedia(article.heroMediaId);
  return prepublishCheck({
    intent: 'publish',
    headline: article.headline,
    summary: article.summary,
    keyPoints: article.keyPoints,
    hero: { chosen: hero !== null, alt: hero?.alt ?? '' },
    publishAt: null,
    now: Date.now(),
  });
}

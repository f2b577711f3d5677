'use client';

import type { ArticleStatus } from '@/db/schema';
import type { PrepublishFinding } from '@/lib/newsroom/prepublish';
import { FieldError, type EditorFieldsProps } from './EditorField.client';
import { PrepublishButton, PublishActions } from './PublishActions.client';

/**
 * The top of the editor's side column: the article's status with its links, the unpublished changes
 * readers do not see yet, the publishing buttons and, for an editor, the go-live time with Schedule.
 */
export function EditorPublishing({
  values,
  errors,
  status,
  articleId,
  unpublished,
  publicPath,
  canPublish,
  pending,
  publishCheck,
}: EditorFieldsProps & {
  status: ArticleStatus;
  articleId: number | null;
  /** Saved changes readers do not see yet: when, and by whom when it was someone else's save. */
  unpublished: { at: number; by: string | null } | null;
  publicPath: string | null;
  canPublish: boolean;
  /** A save is on its way. */
  pending: boolean;
  publishCheck: { timeZone: string; savedFindings: readonly PrepublishFinding[] };
}) {
  const published = status === 'published';
  return (
    <>
      <p>
        Status: <span className={`status status--${status}`}>{status}</span>
        {unpublished !== null && (
          <>
            {' '}
            <span className="status status--review">unpublished changes</span>
          </>
        )}
        {publicPath && published && (
          <>
            {' '}
            <a href={publicPath}>View live</a>
          </>
        )}
        {articleId !== null && (
          <>
            {' '}
            <a href={`/preview/${articleId}`} target="_blank" rel="noopener">
              Preview
            </a>{' '}
            <a href={`/admin/articles/${articleId}/revisions`}>Revisions</a>
          </>
        )}
      </p>
      {unpublished !== null && (
        <p className="field__hint">
          Changes {unpublished.by ? `by ${unpublished.by} ` : ''}saved at{' '}
          {new Date(unpublished.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} are not live: readers see them when you press “Update
          live article”.
        </p>
      )}
      <PublishActions
        status={status}
        articleId={articleId}
        canPublish={canPublish}
        pending={pending}
        timeZone={publishCheck.timeZone}
        savedFindings={publishCheck.savedFindings}
      />
      {canPublish && !published && (
        <div className="field">
          <label htmlFor="publishAt">Go live at</label>
          <p className="field__hint" id="publishAt-hint">
            Your newsroom&rsquo;s time zone. It goes live by itself, also after a restart.
          </p>
          <input
            id="publishAt"
            name="publishAt"
            type="datetime-local"
            step={1}
            defaultValue={values.publishAt}
            aria-invalid={errors.publishAt ? true : undefined}
            aria-describedby={[errors.publishAt ? 'publishAt-error' : '', 'publishAt-hint'].join(' ').trim()}
          />
          <FieldError errors={errors} name="publishAt" />
          <PrepublishButton
            intent="schedule"
            label={status === 'scheduled' ? 'Reschedule' : 'Schedule'}
            timeZone={publishCheck.timeZone}
            disabled={pending}
            savedFindings={[]}
          />
        </div>
      )}
    </>
  );
}

import { ArticleEditor } from '@/components/admin/ArticleEditor.client';
import { listAuthorChoices, listSectionChoices } from '@/db/newsroom';
import type { SessionUser } from '@/lib/auth/sessions';
import { can } from '@/lib/auth/roles';
import type { EditorState } from './editor-state';

/** The editor with its choices, shared by the new-article and edit-article pages. */
export function EditorPage({
  title,
  user,
  initial,
  publicPath,
}: {
  title: string;
  user: SessionUser;
  initial: EditorState;
  publicPath: string | null;
}) {
  return (
    <>
      <h1>{title}</h1>
      <ArticleEditor
        initial={initial}
        sections={listSectionChoices()}
        authors={listAuthorChoices()}
        canPublish={can(user.role, 'article:publish')}
        publicPath={publicPath}
      />
    </>
  );
}

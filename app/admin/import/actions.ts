'use server';

import { redirect } from 'next/navigation';
import { recordAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { importDraft } from '@/db/articles/import-draft';
import { findArticlesWithSameHeadline } from '@/db/newsroom';
import { getCurrentUser } from '@/lib/auth/current-user';
import { can, canEditArticle } from '@/lib/auth/roles';
import { parseArticleText } from '@/lib/newsroom/importer';

export interface ImportState {
  text: string;
  error: string | null;
  /** Articles whose headline has the same words as the text's: the import waits for "Import anyway". */
  sameHeadline?: { headline: string; status: string; href: string | null }[];
}

const MAX_TEXT = 200_000;

/** Turns pasted or uploaded article text into a draft, then opens it in the editor. */
export async function importArticle(_previous: ImportState, form: FormData): Promise<ImportState> {
  const pasted = String(form.get('text') ?? '');
  const file = form.get('file');
  const uploaded = file instanceof File && file.size > 0 ? file : null;
  const user = await getCurrentUser();
  if (!user || !can(user.role, 'article:create')) return { text: pasted, error: 'Your role does not allow creating articles.' };
  if (uploaded && uploaded.size > MAX_TEXT) return { text: pasted, error: 'That file is too large for an article (200 KB at most).' };
  const text = uploaded ? await uploaded.text() : pasted;
  if (!text.trim()) return { text: pasted, error: 'Paste an article or choose a text file.' };
  if (text.length > MAX_TEXT) return { text: pasted, error: 'That text is too long for an article (200,000 characters at most).' };
  const parsed = parseArticleText(text);
  if (!parsed.ok) return { text, error: parsed.error };
  const existing = findArticlesWithSameHeadline(parsed.article.headline);
  const anyway = form.get('importAnyway') === '1';
  if (existing.length > 0 && !anyway) {
    return {
      text,
      error: null,
      sameHeadline: existing.map((article) => ({
        headline: article.headline,
        status: article.status,
        // Open it in the editor if this user may; a live one can at least be read.
        href: canEditArticle(user, article.createdBy, article.status) ? `/admin/articles/${article.id}` : article.status === 'published' ? article.path : null,
      })),
    };
  }
  const draft = importDraft(getDb(), parsed.article, { userId: user.id, now: Date.now() });
  recordAudit({
    userId: user.id,
    action: 'imported',
    entity: 'article',
    entityId: draft.id,
    detail: existing.length > 0 ? `despite the same headline as article ${existing.map((a) => `#${a.id}`).join(', ')}` : '',
  });
  redirect(`/admin/articles/${draft.id}?done=import`);
}

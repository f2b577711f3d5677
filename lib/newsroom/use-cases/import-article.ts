import { writeWithAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { findArticlesWithSameHeadline } from '@/db/newsroom';
import { importDraft } from '@/db/articles/import-draft';
import { can, canEditArticle } from '@/lib/auth/roles';
import type { Actor } from '../article-workflow';
import { parseArticleText } from '../importer';
import type { ImportState } from '../forms/form-states';

export type { ImportState };

export const MAX_IMPORT_TEXT = 200_000;

/**
 * Turns article text into a draft (its audit line in the same transaction), unless an article with the
 * same headline exists and `anyway` is not set. A draft is not public: nothing to invalidate. Answers
 * the editor to open, or the form with the text as sent and the reason.
 */
export function importArticleText(
  { text, pasted, anyway }: { text: string; /** What the form's text box held (given back on a refusal before parsing). */ pasted: string; anyway: boolean },
  user: Actor | null,
  now: number = Date.now(),
): ImportState | { redirect: string } {
  if (!user || !can(user.role, 'article:create')) return { text: pasted, error: 'Your role does not allow creating articles.' };
  if (!text.trim()) return { text: pasted, error: 'Paste an article or choose a text file.' };
  if (text.length > MAX_IMPORT_TEXT) return { text: pasted, error: 'That text is too long for an article (200,000 characters at most).' };
  const parsed = parseArticleText(text);
  if (!parsed.ok) return { text, error: parsed.error };
  const existing = findArticlesWithSameHeadline(parsed.article.headline);
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
  const db = getDb();
  const draft = writeWithAudit(
    db,
    () => importDraft(db, parsed.article, { userId: user.id, now }),
    (imported) => ({
      userId: user.id,
      action: 'imported',
      entity: 'article',
      entityId: imported.id,
      detail: existing.length > 0 ? `despite the same headline as article ${existing.map((a) => `#${a.id}`).join(', ')}` : '',
    }),
  );
  return { redirect: `/admin/articles/${draft.id}?done=import` };
}

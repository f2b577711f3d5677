'use server';

import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { importArticleText, MAX_IMPORT_TEXT, type ImportState } from '@/lib/newsroom/use-cases/import-article';

export type { ImportState };

/** Turns pasted or uploaded article text into a draft (lib/newsroom/use-cases/import-article.ts), then opens it in the editor. */
export async function importArticle(_previous: ImportState, form: FormData): Promise<ImportState> {
  const pasted = String(form.get('text') ?? '');
  const file = form.get('file');
  const uploaded = file instanceof File && file.size > 0 ? file : null;
  const user = await getCurrentUser();
  if (uploaded && uploaded.size > MAX_IMPORT_TEXT) return { text: pasted, error: 'That file is too large for an article (200 KB at most).' };
  // Nobody reads a file for someone who may not import (the use case refuses them before anything else).
  const text = uploaded && user ? await uploaded.text() : pasted;
  const result = importArticleText({ text, pasted, anyway: form.get('importAnyway') === '1' }, user);
  if ('redirect' in result) redirect(result.redirect);
  return result;
}

import type { ArticleStatus, UserRole } from '@/db/schema';
import { can, canEditArticle } from '../auth/roles';

/** What an editor can ask for when saving an article. */
export const INTENTS = ['save', 'submit', 'publish', 'schedule', 'unpublish', 'archive'] as const;
export type Intent = (typeof INTENTS)[number];

export interface Actor {
  id: number;
  role: UserRole;
}

export interface ExistingArticle {
  status: ArticleStatus;
  createdBy: number | null;
  deletedAt?: number | null;
}

export type SaveDecision = { allowed: true; status: ArticleStatus } | { allowed: false; reason: string };

export const NOT_SIGNED_IN = 'You have been signed out. Sign in again in another tab, then save: your text is still here.';
const NOT_YOURS = 'Your role does not allow you to change this article.';
const IN_TRASH = 'This article is in the trash. Restore it before changing it.';
const NEEDS_EDITOR = 'Your role does not allow that. Submit the article for review instead.';

/**
 * Who may do what to an article, decided in one place: the server action asks this before writing.
 * `article` is null for a new article; `user` is null when nobody is signed in.
 */
export function decideSave(user: Actor | null, article: ExistingArticle | null, intent: Intent): SaveDecision {
  if (!user) return { allowed: false, reason: NOT_SIGNED_IN };
  const mayTouch = article ? canEditArticle(user, article.createdBy, article.status) : can(user.role, 'article:create');
  if (!mayTouch) return { allowed: false, reason: NOT_YOURS };
  if (article?.deletedAt != null) return { allowed: false, reason: IN_TRASH };
  switch (intent) {
    case 'save':
      return { allowed: true, status: article?.status ?? 'draft' };
    case 'submit':
      return can(user.role, 'article:submit') ? { allowed: true, status: 'review' } : { allowed: false, reason: NEEDS_EDITOR };
    case 'publish':
      return can(user.role, 'article:publish') ? { allowed: true, status: 'published' } : { allowed: false, reason: NEEDS_EDITOR };
    case 'schedule':
      return can(user.role, 'article:publish') ? { allowed: true, status: 'scheduled' } : { allowed: false, reason: NEEDS_EDITOR };
    case 'unpublish':
      return can(user.role, 'article:publish') ? { allowed: true, status: 'draft' } : { allowed: false, reason: NEEDS_EDITOR };
    case 'archive':
      return can(user.role, 'article:publish') ? { allowed: true, status: 'archived' } : { allowed: false, reason: NEEDS_EDITOR };
  }
}

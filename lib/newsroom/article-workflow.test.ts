import { describe, expect, it } from 'vitest';
import { articleStatuses, userRoles, type ArticleStatus, type UserRole } from '@/db/schema';
import { decideSave, INTENTS, type Intent } from './article-workflow';

const OWNER = 7;
const SOMEONE_ELSE = 8;

/** What each role may do, as a newsroom would state it: the expected outcome of every combination. */
function expected(role: UserRole | null, intent: Intent, article: { status: ArticleStatus; mine: boolean } | null): ArticleStatus | 'refused' {
  if (role === null) return 'refused';
  const editsAnything = role === 'admin' || role === 'editor';
  if (article && !editsAnything && (!article.mine || !['draft', 'review'].includes(article.status))) return 'refused';
  switch (intent) {
    case 'save':
      return article?.status ?? 'draft';
    case 'submit':
      return 'review';
    case 'publish':
      return editsAnything ? 'published' : 'refused';
    case 'schedule':
      return editsAnything ? 'scheduled' : 'refused';
    case 'unpublish':
      return editsAnything ? 'draft' : 'refused';
    case 'archive':
      return editsAnything ? 'archived' : 'refused';
  }
}

describe('decideSave: every intent, as every role and as nobody, on new, own and others’ articles in every status', () => {
  const roles = [...userRoles, null] as const;
  const articles = [
    null,
    ...articleStatuses.flatMap((status) => [
      { status, mine: true },
      { status, mine: false },
    ]),
  ];
  for (const role of roles) {
    for (const intent of INTENTS) {
      for (const article of articles) {
        const label = `${role ?? 'nobody'} ${intent}s ${article ? `${article.mine ? 'own' : 'another’s'} ${article.status}` : 'a new article'}`;
        it(label, () => {
          const decision = decideSave(
            role && { id: OWNER, role },
            article && { status: article.status, createdBy: article.mine ? OWNER : SOMEONE_ELSE },
            intent,
          );
          const outcome = decision.allowed ? decision.status : 'refused';
          expect(outcome).toBe(expected(role, intent, article));
        });
      }
    }
  }
});

it('refuses every change to an article in the trash, whoever asks', () => {
  for (const role of userRoles) {
    for (const intent of INTENTS) {
      expect(decideSave({ id: 1, role }, { status: 'draft', createdBy: 1, deletedAt: 1 }, intent)).toMatchObject({ allowed: false });
    }
  }
});

it('explains a refusal in words an editor understands', () => {
  const refusal = decideSave({ id: 1, role: 'writer' }, null, 'publish');
  expect(refusal).toEqual({ allowed: false, reason: expect.stringContaining('Submit the article for review') });
  expect(decideSave(null, null, 'save')).toEqual({ allowed: false, reason: expect.stringContaining('signed out') });
});

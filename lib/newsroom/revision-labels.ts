import type { RevisionListItem } from '@/db/articles/revisions';
import type { ArticleStatus } from '@/db/schema';

type Labelled = Pick<RevisionListItem, 'kind' | 'status' | 'restoredFrom'>;

/**
 * What a revision did, in the newsroom's words. `before` is the status of the revision recorded before
 * it (null for the first), which tells a plain save from a submission or an unpublishing.
 */
export function revisionLabel(revision: Labelled, before: ArticleStatus | null = null): string {
  switch (revision.kind) {
    case 'save':
      if (revision.status === 'scheduled') return 'Scheduled';
      if (before === 'published' || before === 'scheduled') return revision.status === 'archived' ? 'Archived' : 'Unpublished, now a draft';
      if (revision.status === 'review') return before === 'review' ? 'Saved, in review' : 'Submitted for review';
      return revision.status === 'draft' ? 'Saved draft' : 'Archived';
    case 'autosave':
      return 'Autosaved';
    case 'publish':
      return 'Published';
    case 'update':
      return 'Updated live';
    case 'restore':
      return revision.restoredFrom === null ? 'Restored' : `Restored from ${revision.restoredFrom}`;
    case 'conflict':
      return 'Refused (conflict), kept';
    case 'pending':
      return 'Unpublished changes (not live yet)';
  }
}

/** Labels for a list of revisions, newest first (as listArticleRevisions returns them). */
export function revisionLabels(newestFirst: readonly Labelled[]): string[] {
  return newestFirst.map((revision, i) => {
    // The status before: the next older revision that was applied (a refused one, or unpublished
    // changes to a live article, changed nothing readers see).
    const older = newestFirst.slice(i + 1).find((r) => r.kind !== 'conflict' && r.kind !== 'pending');
    return revisionLabel(revision, older?.status ?? null);
  });
}

import type { ArticleContent } from '@/db/articles/model';
import { diffWordsWithSpace } from 'diff';
import { storyKicker, type StoryType } from '../story-types';

export interface DiffPart {
  value: string;
  change: 'added' | 'removed' | 'same';
}

/** The readable text of an article version, in reading order, for comparing versions word by word. */
export function articleAsText(article: Omit<ArticleContent, 'seoTitle' | 'seoDescription'> & { type?: StoryType }): string {
  return [
    // The kicker readers see above the headline (none for news, nor for revisions from before story types).
    article.type && storyKicker(article.type),
    article.headline,
    article.summary,
    article.body,
    article.keyPoints.length ? [article.keyPointsTitle, ...article.keyPoints.map((p) => `${p.label}: ${p.text}`)].join('\n') : '',
    article.whyItMatters && `Why This Matters\n${article.whyItMatters}`,
    article.contextNote,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * A word-level diff from `before` to `after`, in readable runs: a rewritten phrase shows as one removed
 * run and one added run, rather than word by word around the spaces they share.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = diffWordsWithSpace(before, after).map((part) => ({
    value: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
  const result: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) result.push({ value: removed, change: 'removed' });
    if (added) result.push({ value: added, change: 'added' });
    removed = added = '';
  };
  parts.forEach((part, i) => {
    const next = parts[i + 1];
    if (part.change === 'removed') removed += part.value;
    else if (part.change === 'added') added += part.value;
    else if ((removed || added) && next && next.change !== 'same' && /^\s+$/.test(part.value)) {
      // Whitespace between two changes belongs to both runs.
      if (removed) removed += part.value;
      if (added) added += part.value;
      if (next.change === 'removed' && !removed) removed = part.value;
      if (next.change === 'added' && !added) added = part.value;
    } else {
      flush();
      result.push(part);
    }
  });
  flush();
  return result;
}

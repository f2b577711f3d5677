import type { DiffPart } from '@/lib/newsroom/text-diff';

/**
 * A word-level comparison: removed words struck through, added words underlined, both also announced in words.
 * Drawn on the server (a revision's page) and in the browser (the editor's conflict comparison): hence *.client.
 */
export function TextDiff({ parts, label }: { parts: readonly DiffPart[]; label: string }) {
  return (
    <div className="diff" role="group" aria-label={label}>
      {parts.map((part, i) =>
        part.change === 'added' ? (
          <ins key={i}>
            <span className="visually-hidden">[added: </span>
            {part.value}
            <span className="visually-hidden">]</span>
          </ins>
        ) : part.change === 'removed' ? (
          <del key={i}>
            <span className="visually-hidden">[removed: </span>
            {part.value}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </div>
  );
}

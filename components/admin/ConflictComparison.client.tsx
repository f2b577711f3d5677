'use client';

import type { FieldConflict } from '@/lib/newsroom/conflict-merge';
import { TextDiff } from './TextDiff.client';

export type Choice = 'theirs' | 'mine';

/**
 * After a refused save: every field the other editor changed, with what they changed and whose version
 * the form holds. Without JavaScript it is the server's answer as it stands (only-theirs fields already
 * taken); with it, each field has buttons to take their version or keep yours.
 */
export function ConflictComparison({
  conflicts,
  inForm,
  onChoose,
}: {
  conflicts: readonly FieldConflict[];
  /** Whose version of each field the form holds now. */
  inForm: Readonly<Record<string, Choice>>;
  /** Null until the page's script runs: the buttons would do nothing before. */
  onChoose: ((conflict: FieldConflict, choice: Choice) => void) | null;
}) {
  return (
    <div className="conflict panel" role="group" aria-labelledby="conflict-title">
      <h2 id="conflict-title">What the other editor changed</h2>
      {conflicts.length === 0 && <p>Their saved text is the same as yours: save again to keep it.</p>}
      <ul className="conflict__fields">
        {conflicts.map((conflict) => {
          const choice = inForm[conflict.field] ?? (conflict.inForm === 'theirs' ? 'theirs' : 'mine');
          return (
            <li key={conflict.field} className="conflict__field">
              <h3 id={`conflict-${conflict.field}`}>{conflict.label}</h3>
              <p className="field__hint">
                {conflict.inForm === 'theirs' ? 'Only they changed this. ' : 'You both changed this. '}
                <strong>{choice === 'theirs' ? 'Their version is in your form.' : 'Your version is in your form.'}</strong>
              </p>
              <TextDiff parts={conflict.changes} label="Their change" />
              {onChoose && (
                <p className="conflict__choices">
                  <button type="button" className="button button--secondary" aria-pressed={choice === 'theirs'} aria-describedby={`conflict-${conflict.field}`} onClick={() => onChoose(conflict, 'theirs')}>
                    Take theirs
                  </button>{' '}
                  <button type="button" className="button button--secondary" aria-pressed={choice === 'mine'} aria-describedby={`conflict-${conflict.field}`} onClick={() => onChoose(conflict, 'mine')}>
                    Keep mine
                  </button>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

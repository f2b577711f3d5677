'use client';

import { KEY_POINT_ROWS_BLANK } from '@/lib/newsroom/forms/article-form-values';
import { errorAria, errorId, FieldError, type EditorFieldsProps } from './EditorField.client';

/** The key points block: its title, then a row per point (label and sentence), plus blank rows to add more. */
export function EditorKeyPoints({ values, errors }: EditorFieldsProps) {
  const keyPointRows = [...values.keyPoints, ...Array.from({ length: KEY_POINT_ROWS_BLANK }, () => ({ label: '', text: '' }))];
  return (
    <fieldset className="field" aria-describedby={errorId(errors, 'keyPoints')}>
      <legend>Key points</legend>
      <FieldError errors={errors} name="keyPoints" />
      <div className="field">
        <label htmlFor="keyPointsTitle">Block title</label>
        <input id="keyPointsTitle" name="keyPointsTitle" type="text" defaultValue={values.keyPointsTitle} {...errorAria(errors, 'keyPointsTitle')} />
        <FieldError errors={errors} name="keyPointsTitle" />
      </div>
      <p className="field__hint">A bold label and one sentence each. Empty rows are ignored; save to get more rows. To reorder, change the numbers.</p>
      {keyPointRows.map((point, i) => (
        <div className="key-point-row" key={i}>
          <input type="number" name={`keyPoints.${i}.order`} defaultValue={i + 1} min={1} max={50} aria-label={`Key point ${i + 1} position`} />
          <input type="text" name={`keyPoints.${i}.label`} defaultValue={point.label} aria-label={`Key point ${i + 1} label`} />
          <input type="text" name={`keyPoints.${i}.text`} defaultValue={point.text} aria-label={`Key point ${i + 1} text`} />
        </div>
      ))}
    </fieldset>
  );
}

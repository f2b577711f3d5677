import type { Correction } from '@/db/articles/model';
import { Timestamp } from './Timestamp';

export function Corrections({ corrections, timeZone }: { corrections: readonly Correction[]; timeZone: string }) {
  if (corrections.length === 0) return null;
  return (
    <section className="corrections" aria-labelledby="corrections-title">
      <h2 id="corrections-title">{corrections.length === 1 ? 'Correction' : 'Corrections'}</h2>
      <ul>
        {corrections.map((correction) => (
          <li key={correction.id}>
            <Timestamp epochMs={correction.publishedAt} timeZone={timeZone} />: {correction.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { KeyPoint } from '@/db/articles/model';

/** The story's key points under its own title ("Key Proposals", "What We Know"): a bold label and a sentence each. */
export function KeyPoints({ title, points }: { title: string; points: readonly KeyPoint[] }) {
  if (points.length === 0) return null;
  return (
    <section className="key-points" aria-labelledby="key-points-title">
      <h2 id="key-points-title">{title}</h2>
      <ul>
        {points.map((point) => (
          <li key={point.label}>
            <strong>{point.label}:</strong> {point.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

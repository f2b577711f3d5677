import Link from 'next/link';

export interface NameIndexEntry {
  name: string;
  path: string;
  detail: string;
}

/** An A-to-Z list of links under a heading: all topics, all writers. */
export function NameIndex({ title, entries }: { title: string; entries: readonly NameIndexEntry[] }) {
  return (
    <div className="wrap index-page">
      <header className="index-page__header">
        <h1>{title}</h1>
      </header>
      <ul className="name-index">
        {entries.map((entry) => (
          <li key={entry.path}>
            <Link href={entry.path} prefetch={false}>
              {entry.name}
            </Link>{' '}
            <span className="name-index__detail">{entry.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

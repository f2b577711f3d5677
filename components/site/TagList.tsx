import Link from 'next/link';
import type { TagRef } from '@/db/types';
import { tagPath } from '@/lib/paths';

export function TagList({ tags }: { tags: readonly TagRef[] }) {
  if (tags.length === 0) return null;
  return (
    <nav className="tag-list" aria-label="Topics">
      <h2 className="visually-hidden">Topics</h2>
      <ul>
        {tags.map((tag) => (
          <li key={tag.slug}>
            <Link href={tagPath(tag)} prefetch={false}>
              {tag.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

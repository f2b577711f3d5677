import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FrontArranger } from '@/components/admin/FrontArranger.client';
import { requireUser } from '@/lib/auth/current-user';
import { slotLabel } from '@/lib/newsroom/forms/front-form';
import { newsroomPages } from '@/lib/newsroom/pages';
import { frontFormOf, frontNotes, frontTarget, listFronts } from '@/lib/newsroom/use-cases/fronts';
import { sectionPath } from '@/lib/paths';
import { findStoriesToPlace, saveFront } from './actions';

export const metadata: Metadata = { title: 'Front pages' };

/** Arranging the front page (`?front=` a section's slug for a section front): editors and admins. */
export default async function FrontPage({ searchParams }: PageProps<'/admin/front'>) {
  await requireUser(newsroomPages.front.permission);
  const { front } = await searchParams;
  if (front !== undefined && typeof front !== 'string') notFound();
  const target = frontTarget(front);
  if (!target) notFound();
  const readerPath = target.section ? sectionPath(target.section) : '/';
  return (
    <>
      <h1>{target.title}</h1>
      <nav aria-label="Fronts" className="front-chooser">
        <ul>
          {listFronts().map((f) => (
            <li key={f.front}>
              <Link href={f.front === 'home' ? newsroomPages.front.path : `${newsroomPages.front.path}?front=${f.front}`} prefetch={false} aria-current={f.front === target.front ? 'page' : undefined}>
                {f.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        The slots in the order readers see them at <a href={readerPath}>{readerPath}</a>: {slotLabel(0).toLowerCase()} first, then the top stories
        {target.section ? '' : ', then the automatic blocks (sections, trending)'}. Pick a published or scheduled story for a slot, or leave it empty to fill
        automatically with the newest story not already shown. A scheduled story appears when it goes live; an unpublished one leaves its slot at once.
      </p>
      <FrontArranger
        key={target.front}
        action={saveFront}
        initial={frontFormOf(target)}
        slotCount={target.slotCount}
        notes={frontNotes(target)}
        findStories={findStoriesToPlace}
      />
    </>
  );
}

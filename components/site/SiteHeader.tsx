import Link from 'next/link';
import type { Section } from '@/db/types';
import { sectionPath } from '@/lib/paths';

/** Site name and section navigation: plain links that scroll sideways on a phone, so no menu script is needed. */
export function SiteHeader({ siteName, sections }: { siteName: string; sections: readonly Section[] }) {
  return (
    <header className="site-header">
      <div className="site-header__bar wrap">
        <Link href="/" className="site-header__name" prefetch={false}>
          {siteName}
        </Link>
      </div>
      <nav className="site-nav" aria-label="Sections">
        <ul className="site-nav__list wrap">
          <li>
            <Link href="/" prefetch={false}>
              Home
            </Link>
          </li>
          {sections.map((section) => (
            <li key={section.slug}>
              <Link href={sectionPath(section)} prefetch={false}>
                {section.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

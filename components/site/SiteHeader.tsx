import Link from 'next/link';
import { MAX_QUERY_CHARACTERS } from '@/lib/config';
import type { Section } from '@/db/types';
import { sectionPath } from '@/lib/paths';

/**
 * Site name, a search box and section navigation: plain links that scroll sideways on a phone, so no menu
 * script is needed, and a plain GET form, so search works without JavaScript too.
 */
export function SiteHeader({ siteName, sections }: { siteName: string; sections: readonly Section[] }) {
  return (
    <header className="site-header">
      <div className="site-header__bar wrap">
        <Link href="/" className="site-header__name" prefetch={false}>
          {siteName}
        </Link>
        <form className="site-search" action="/search" method="get" role="search" aria-label="Site">
          <label htmlFor="site-search-q" className="visually-hidden">
            Search articles
          </label>
          <input id="site-search-q" type="search" name="q" placeholder="Search" maxLength={MAX_QUERY_CHARACTERS} />
          <button type="submit">Search</button>
        </form>
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

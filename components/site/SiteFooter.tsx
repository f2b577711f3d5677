import Link from 'next/link';
import type { Section } from '@/db/types';
import { sectionPath } from '@/lib/paths';

export function SiteFooter({ siteName, sections }: { siteName: string; sections: readonly Section[] }) {
  return (
    <footer className="site-footer">
      <div className="wrap">
        <nav aria-label="Footer">
          <ul className="site-footer__links">
            {sections.map((section) => (
              <li key={section.slug}>
                <Link href={sectionPath(section)} prefetch={false}>
                  {section.name}
                </Link>
              </li>
            ))}
            <li>
              <Link href="/tags" prefetch={false}>
                Topics
              </Link>
            </li>
            <li>
              <Link href="/authors" prefetch={false}>
                Our journalists
              </Link>
            </li>
          </ul>
        </nav>
        <p className="site-footer__note">
          © {siteName}. Independent news, published with a newsroom of its own.
        </p>
      </div>
    </footer>
  );
}

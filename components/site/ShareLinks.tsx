import { shareLinks } from '@/lib/reader/share-links';

/**
 * "Copy link" is a link to the article itself: without JavaScript it is just that (and a browser's "copy
 * link address" copies it). This script, where the clipboard can be written, copies the address on a
 * click instead of following it, and says so. Its text never changes (the address is read from the link),
 * so the page's Content-Security-Policy allows it by hash (server/inline-script-hashes.ts). Nothing on the
 * page changes size when it runs, so nothing shifts.
 */
export const SHARE_COPY_SCRIPT =
  "(function(s){var n=s&&s.parentNode,a=n&&n.querySelector('[data-copy]'),t=n&&n.querySelector('[role=status]');" +
  "if(!a||!t||!navigator.clipboard)return;a.addEventListener('click',function(e){e.preventDefault();" +
  "navigator.clipboard.writeText(a.href).then(function(){t.textContent='Link copied'}," +
  "function(){t.textContent='Could not copy: the address is '+a.href})})})(document.currentScript)";

/** "Share": copy link, email, WhatsApp, X, Facebook, LinkedIn, as plain links (lib/reader/share-links.ts). */
export function ShareLinks({ url, headline }: { url: string; headline: string }) {
  return (
    <nav className="share" aria-labelledby="share-title">
      <h2 className="share__title" id="share-title">
        Share this story
      </h2>
      <ul className="share__list">
        <li>
          <a className="share__link" href={url} data-copy="">
            Copy link
          </a>
        </li>
        {shareLinks(url, headline).map((link) => (
          <li key={link.network}>
            <a
              className="share__link"
              href={link.href}
              aria-label={link.label}
              {...(link.network === 'Email' ? {} : { target: '_blank', rel: 'noopener noreferrer' })}
            >
              {link.network}
            </a>
          </li>
        ))}
      </ul>
      <p className="share__status" role="status" />
      <script dangerouslySetInnerHTML={{ __html: SHARE_COPY_SCRIPT }} />
    </nav>
  );
}

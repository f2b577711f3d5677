import { shareLinks } from '@/lib/reader/share-links';

/**
 * The copy button's script: the button is `hidden` in the markup (without JavaScript there is nothing to
 * press) and shown only where the clipboard can be written. The text never changes (the address is read
 * from the button), so the page's Content-Security-Policy allows it by hash (server/inline-script-hashes.ts).
 */
export const SHARE_COPY_SCRIPT =
  "(function(s){var n=s&&s.parentNode,b=n&&n.querySelector('[data-copy]'),t=n&&n.querySelector('[role=status]');" +
  'if(!b||!t||!navigator.clipboard)return;b.hidden=false;b.addEventListener(\'click\',function(){' +
  "navigator.clipboard.writeText(b.getAttribute('data-copy')).then(function(){t.textContent='Link copied'}," +
  "function(){t.textContent='Could not copy: the address is '+b.getAttribute('data-copy')})})})(document.currentScript)";

/** "Share": copy link, email, WhatsApp, X, Facebook, LinkedIn, as plain links (lib/reader/share-links.ts). */
export function ShareLinks({ url, headline }: { url: string; headline: string }) {
  return (
    <nav className="share" aria-label="Share this story">
      <ul className="share__list">
        <li>
          <button type="button" className="share__link" data-copy={url} hidden>
            Copy link
          </button>
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

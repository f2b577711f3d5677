/**
 * Share links for an article: plain links to each service's own share page (or the reader's mail
 * program), built here with every value percent-encoded. Nothing of the services is loaded by the page:
 * no script, image or frame, so nobody learns of the visit until the reader chooses to share.
 */
export interface ShareLink {
  network: 'Email' | 'WhatsApp' | 'X' | 'Facebook' | 'LinkedIn';
  /** The accessible name: the visible text is the network's name alone. */
  label: string;
  href: string;
}

const enc = encodeURIComponent;

export function shareLinks(url: string, headline: string): ShareLink[] {
  return [
    { network: 'Email', label: 'Share by email', href: `mailto:?subject=${enc(headline)}&body=${enc(`${headline}\n\n${url}`)}` },
    { network: 'WhatsApp', label: 'Share on WhatsApp', href: `https://wa.me/?text=${enc(`${headline} ${url}`)}` },
    { network: 'X', label: 'Share on X', href: `https://x.com/intent/post?url=${enc(url)}&text=${enc(headline)}` },
    { network: 'Facebook', label: 'Share on Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${enc(url)}` },
    { network: 'LinkedIn', label: 'Share on LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${enc(url)}` },
  ];
}

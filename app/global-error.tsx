'use client';

import { ServerError } from '@/components/site/NotFound';
import './styles.css';

/**
 * When a root layout itself fails while the client router renders it (pages loaded whole get the error
 * page of server/error-page.tsx instead). It replaces the whole document, so it has its own; the message is
 * in English whatever SITE_LANGUAGE says, like every other text the site writes itself.
 */
export default function GlobalError() {
  return (
    <html lang="en">
      <body>
        <main id="main">
          <ServerError />
        </main>
      </body>
    </html>
  );
}

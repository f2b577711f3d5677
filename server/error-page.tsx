import { renderToStaticMarkup } from 'react-dom/server';
import { ServerError } from '@/components/site/NotFound';
import { SiteDocument } from '@/components/site/SiteDocument';

/**
 * The document server/main.ts sends with every 5xx answer to a page request, in place of what Next
 * makes of a fault: for a page that fails to render, an empty document that only Next's JavaScript fills
 * in; for a feed or sitemap, a plain "Internal Server Error". This one reads without JavaScript, has the
 * site's name and look (its stylesheet inlined, so no further request can fail), needs nothing from the
 * database (which may be what failed), and names nothing of the fault: that goes to the server's log.
 */
export function renderErrorPage({
  siteName,
  language,
  stylesheet,
  newsroom,
}: {
  siteName: string;
  language: string;
  stylesheet: string;
  newsroom: boolean;
}): string {
  const page = (
    <SiteDocument siteName={siteName} language={language} sections={[]}>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`Something went wrong | ${siteName}`}</title>
      <meta name="robots" content="noindex" />
      <style href="site" precedence="default">
        {stylesheet}
      </style>
      <ServerError newsroom={newsroom} />
    </SiteDocument>
  );
  return `<!DOCTYPE html>${renderToStaticMarkup(page)}`;
}

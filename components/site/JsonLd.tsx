import { serializeJsonLd, type JsonLdGraph } from '@/lib/reader/structured-data';

/** A page's structured data for search engines, escaped so that no field can end the script element. */
export function JsonLd({ graph }: { graph: JsonLdGraph }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(graph) }} />;
}

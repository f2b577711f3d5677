import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * For tests: checks documents with xmllint (libxml2) against the schemas in schemas/ (see its README).
 * `--nonet` keeps it offline: a schema that tried to fetch an import would fail instead.
 */

const schemaDir = path.resolve(import.meta.dirname, '..', '..', 'schemas');

export const xmlSchemas = {
  sitemapIndex: ['--schema', path.join(schemaDir, 'siteindex.xsd')],
  sitemap: ['--schema', path.join(schemaDir, 'sitemap.xsd')],
  newsSitemap: ['--schema', path.join(schemaDir, 'sitemap-with-news.xsd')],
  atom: ['--relaxng', path.join(schemaDir, 'atom.rng')],
  /** Well-formed XML, no schema. */
  none: [],
} as const;

/** xmllint's verdict on a document: '' when it is well-formed (and valid against the schema), else its errors. */
export function xmllintErrors(xml: string, schema: keyof typeof xmlSchemas): string {
  const result = spawnSync('xmllint', ['--noout', '--nonet', ...xmlSchemas[schema], '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result.status === 0 ? '' : result.stderr || `xmllint exited with ${result.status}`;
}

import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { siteConfig } from '../config';
import {
  ArticleIdParamsSchema,
  ArticleListQuerySchema,
  ArticleListSchema,
  ArticlePathParamsSchema,
  ArticleQuerySchema,
  ArticleSchema,
  AuthorListSchema,
  FrontQuerySchema,
  FrontSchema,
  LiveBlogQuerySchema,
  LiveBlogSchema,
  SectionListSchema,
  TagListSchema,
} from './content-schemas';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { registerAdminApi } from './admin-openapi';

/**
 * The OpenAPI 3.1 document of the API (served at /api/v1/openapi.json), generated from the same zod
 * schemas the handlers validate with (./content-schemas.ts, ./admin-schemas.ts), so the two cannot drift.
 * Linted with Redocly CLI in the unit tests (lib/api/openapi.test.ts, redocly.yaml).
 */

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem; `about:blank` when the status says it all.' }),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }).meta({ id: 'FieldError' }))
      .optional()
      .meta({ description: 'For invalid input: each field (a body path such as `keyPoints.0.text`, or a query parameter) with what is wrong.' }),
    changed: z
      .array(z.object({ field: z.string(), theirs: z.unknown() }))
      .optional()
      .meta({ description: 'For a stale `version` (409): the fields saved since, with their values now.' }),
    currentVersion: z.int().optional().meta({ description: 'For a stale `version` (409): the version to send next.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

export const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } };
export const problemResponses = (statuses: Record<number, string | undefined>) =>
  Object.fromEntries(Object.entries(statuses).flatMap(([status, description]) => (description ? [[status, { description, content: problemContent }]] : [])));

const etagHeader = { ETag: { description: 'A strong validator: send it as `If-None-Match` to get a 304 while nothing changed.', schema: { type: 'string' as const } } };
const ok = (description: string, schema: z.ZodType) => ({
  description,
  headers: etagHeader,
  content: { 'application/json': { schema } },
});
const notModified = { description: 'Not modified: your copy (its `If-None-Match`) is current.' };
const CONTENT_TAG = 'Content API';

function registerContentApi(registry: OpenAPIRegistry): void {
  const read = (path: string, operationId: string, summary: string, description: string, request: Record<string, z.ZodObject>, schema: z.ZodType, withNotFound = false) =>
    registry.registerPath({
      method: 'get',
      path: `/api/v1/content${path}`,
      operationId,
      summary,
      description,
      tags: [CONTENT_TAG],
      security: [],
      request,
      responses: {
        200: ok(summary, schema),
        304: notModified,
        ...problemResponses({ 400: 'A query parameter is not valid, unknown or repeated.', ...(withNotFound && { 404: 'Nothing published is there.' }) }),
      },
    });
  read(
    '/articles',
    'listArticles',
    'Published articles, newest first',
    'Pages follow `nextCursor` (by publication time and id), so stories published meanwhile never shift a later page. Filters combine.',
    { query: ArticleListQuerySchema },
    ArticleListSchema,
  );
  read('/articles/{id}', 'getArticle', 'A published article', 'The version readers see (unpublished changes never show).', { params: ArticleIdParamsSchema, query: ArticleQuerySchema }, ArticleSchema, true);
  read(
    '/sections/{section}/articles/{slug}',
    'getArticleByPath',
    'A published article by its address',
    'The article readers find at `/{section}/{slug}`.',
    { params: ArticlePathParamsSchema, query: ArticleQuerySchema },
    ArticleSchema,
    true,
  );
  read('/sections', 'listSections', 'The sections', 'In the order of the site navigation.', {}, SectionListSchema);
  read('/tags', 'listTags', 'The topics readers can see', 'Topics with at least one published article, A to Z.', {}, TagListSchema);
  read('/authors', 'listAuthors', 'The writers', 'A to Z.', {}, AuthorListSchema);
  read('/live-blogs/{id}', 'getLiveBlog', 'A live blog and its updates', 'Posted updates, newest first, a page at a time.', { params: ArticleIdParamsSchema, query: LiveBlogQuerySchema }, LiveBlogSchema, true);
  read('/front', 'getFront', 'A front page as arranged', "The home page's lead and top stories, or a section front's (`section`).", { query: FrontQuerySchema }, FrontSchema, true);
}

/** The whole document, for this site's address. */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  registerContentApi(registry);
  registerAdminApi(registry, ProblemSchema);
  const { name, baseUrl } = siteConfig();
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: `${name} API`,
      version: '1.0.0',
      description:
        'The Content API (`/api/v1/content`) serves what readers can see, without a key. The Admin API (`/api/v1/admin`) files and publishes through the newsroom\'s own rules, with an integration key an admin creates at /admin/integrations. Errors are `application/problem+json` (RFC 9457).',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: baseUrl }],
    tags: [
      { name: CONTENT_TAG, description: 'Published content, read-only, no key needed.' },
      { name: 'Admin API', description: 'Newsroom actions for integrations: `Authorization: Bearer <key>`.' },
    ],
  });
}

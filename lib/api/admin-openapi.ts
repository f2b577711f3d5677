import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  AdminArticleSchema,
  ArticleCreateSchema,
  ArticleIdParamsSchema,
  ArticleUpdateSchema,
  CorrectionInputSchema,
  ImageCreatedSchema,
  LiveUpdateCreatedSchema,
  LiveUpdateInputSchema,
  ScheduleSchema,
  VersionSchema,
} from './admin-schemas';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** The Admin API's paths in the OpenAPI document (./openapi.ts), from the schemas its handlers validate with. */

const ADMIN_TAG = 'Admin API';
const security = [{ integrationKey: [] }];

export function registerAdminApi(registry: OpenAPIRegistry, problemSchema: z.ZodType): void {
  registry.registerComponent('securitySchemes', 'integrationKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An integration key made by an admin at /admin/integrations: `Authorization: Bearer crbc_…`.',
  });
  const problems = (statuses: Record<number, string>) =>
    Object.fromEntries(Object.entries(statuses).map(([status, description]) => [status, { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } }]));
  const common = { 401: 'No key, or a wrong or revoked one.', 403: 'The integration’s role does not allow this.' };
  const idempotencyKey = z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Makes a retry safe: the first successful answer is kept 24 hours and returned again for the same request with the same key.' });
  const article = (description: string) => ({ description, content: { 'application/json': { schema: AdminArticleSchema } } });
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } }, required: true });

  registry.registerPath({
    method: 'post',
    path: '/api/v1/admin/articles',
    operationId: 'createArticle',
    summary: 'File a new draft',
    description: 'Validated as the newsroom editor validates a save; refusals name each field with the newsroom’s message.',
    tags: [ADMIN_TAG],
    security,
    request: { headers: z.object({ 'Idempotency-Key': idempotencyKey }), body: json(ArticleCreateSchema) },
    responses: {
      201: article('The draft as saved.'),
      ...problems({ ...common, 400: 'Malformed JSON or Idempotency-Key.', 413: 'The body is over 1 MB.', 415: 'Not JSON.', 422: 'A field is not valid (see `errors`), or the Idempotency-Key was used for another request.' }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/admin/articles/{id}',
    operationId: 'getAdminArticle',
    summary: 'An article as the newsroom holds it',
    description: 'Any article for an editor; its own for a writer. Read its `version` before changing it.',
    tags: [ADMIN_TAG],
    security,
    request: { params: ArticleIdParamsSchema },
    responses: { 200: article('The article.'), ...problems({ 401: common[401], 404: 'No such article, or not yours to see.' }) },
  });
  const change = (method: 'patch' | 'post', suffix: string, operationId: string, summary: string, description: string, schema: z.ZodType, created = false) =>
    registry.registerPath({
      method,
      path: `/api/v1/admin/articles/{id}${suffix}`,
      operationId,
      summary,
      description,
      tags: [ADMIN_TAG],
      security,
      request: { params: ArticleIdParamsSchema, ...(created && { headers: z.object({ 'Idempotency-Key': idempotencyKey }) }), body: json(schema) },
      responses: {
        [created ? 201 : 200]: article('The article as it is now.'),
        ...problems({
          ...common,
          400: 'Malformed JSON.',
          404: 'No such article, or not yours to see.',
          409: 'Your `version` is stale: `changed` names what others changed, `currentVersion` what to send.',
          413: 'The body is over 1 MB.',
          415: 'Not JSON.',
          422: 'A field is not valid: see `errors`.',
        }),
      },
    });
  change('patch', '', 'updateArticle', 'Change an article', 'Only the fields sent change. A published article is updated live (as "Update live article").', ArticleUpdateSchema);
  change('post', '/submit', 'submitArticle', 'Submit for review', 'Writers and editors.', VersionSchema);
  change('post', '/publish', 'publishArticle', 'Publish', 'Editors. Live for readers, the Content API and feeds within a second.', VersionSchema);
  change('post', '/schedule', 'scheduleArticle', 'Schedule', 'Editors. Goes live by itself at `publishAt`.', ScheduleSchema);
  change('post', '/unpublish', 'unpublishArticle', 'Unpublish', 'Editors. Readers get 404 at its address; it becomes a draft.', VersionSchema);
  change('post', '/trash', 'trashArticle', 'Move to the trash', 'Editors. A published one answers 410 Gone at its address.', VersionSchema);
  change('post', '/corrections', 'addCorrection', 'Add a correction', 'Editors. Public and dated; it cannot be edited away.', CorrectionInputSchema, true);

  registry.registerPath({
    method: 'post',
    path: '/api/v1/admin/articles/{id}/live-updates',
    operationId: 'postLiveUpdate',
    summary: 'Post a live blog update',
    description: 'Editors, on an article the newsroom made a live blog.',
    tags: [ADMIN_TAG],
    security,
    request: { params: ArticleIdParamsSchema, headers: z.object({ 'Idempotency-Key': idempotencyKey }), body: json(LiveUpdateInputSchema) },
    responses: {
      201: { description: 'Posted: readers see it now.', content: { 'application/json': { schema: LiveUpdateCreatedSchema } } },
      ...problems({ ...common, 400: 'Malformed JSON.', 404: 'No such article.', 409: 'The article is not a live blog.', 422: 'A field is not valid: see `errors`.' }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/admin/images',
    operationId: 'uploadImage',
    summary: 'Upload an image',
    description: 'The media library’s upload and checks: images only (re-encoded to WebP in several widths), alt text required.',
    tags: [ADMIN_TAG],
    security,
    request: {
      headers: z.object({ 'Idempotency-Key': idempotencyKey }),
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              file: z.string().meta({ format: 'binary', description: 'The image (JPEG, PNG, WebP, GIF…).' }),
              alt: z.string().meta({ description: 'What the image shows, for people who cannot see it.' }),
              caption: z.string().optional(),
              credit: z.string().optional(),
            }),
          },
        },
      },
    },
    responses: {
      201: { description: 'Stored in the media library.', content: { 'application/json': { schema: ImageCreatedSchema } } },
      ...problems({ ...common, 400: 'Malformed form data.', 413: 'The file is over the upload limit.', 415: 'Not multipart/form-data.', 422: 'Not an image, or no alt text: see `errors`.' }),
    },
  });
}

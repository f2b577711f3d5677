import { adminCall, readImageUpload, uploadImage } from '@/lib/api/admin';

/** Uploads an image to the media library, with its checks (lib/api/admin.ts). `Idempotency-Key` makes a retry safe. */
export const dynamic = 'force-dynamic';

export const POST = (request: Request) => adminCall(request, { read: readImageUpload, idempotent: true }, uploadImage);

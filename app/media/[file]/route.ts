import fs from 'node:fs/promises';
import path from 'node:path';
import { mediaDir } from '@/lib/config';

const TYPES: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png', avif: 'image/avif' };
const FILE_NAME = /^[a-z0-9][a-z0-9-]{0,120}\.(webp|jpg|png|avif)$/;

/** Uploaded and generated images from the data folder. Names are never reused, so they cache forever. */
export async function GET(_request: Request, { params }: RouteContext<'/media/[file]'>): Promise<Response> {
  const { file } = await params;
  const match = FILE_NAME.exec(file);
  const type = match?.[1] && TYPES[match[1]];
  if (!type) return new Response('Not found', { status: 404 });
  try {
    const bytes = await fs.readFile(path.join(mediaDir(), file));
    return new Response(new Uint8Array(bytes), {
      headers: {
        'Content-Type': type,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'public, max-age=60' } });
  }
}

import { unknownApiAddress } from '@/lib/api/route';

/** Any other address under /api/v1: a problem+json 404, never an HTML page. */
export const dynamic = 'force-dynamic';

export const GET = unknownApiAddress;
export const POST = unknownApiAddress;
export const PATCH = unknownApiAddress;

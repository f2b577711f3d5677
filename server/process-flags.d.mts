// Types for server/process-flags.mjs (plain JavaScript so that scripts/start.mjs can read it before install).
export declare const DEFAULT_SERVER_HEAP_MB: number;
export declare function serverNodeFlags(env: Record<string, string | undefined>): { ok: true; flags: string[] } | { ok: false; reason: string };
export declare function serverProcessEnv<Env extends Record<string, string | undefined>>(env: Env): Env;

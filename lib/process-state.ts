/**
 * State that exists once per process, whichever bundle asks for it.
 *
 * The production server (server/main.ts, run by tsx) and each of Next's route bundles load their own copy
 * of every module they share, so a module-level variable can exist several times in one process: the
 * server would remember a routing decision that a publish in a route bundle never forgets, or two
 * throttles would each count half the sign-in attempts. Everything that must be one per process is kept
 * here, under a name from this list, so the list is also what a second process does NOT share (the
 * database file is shared; all of these are not). With several worker processes (WEB_CONCURRENCY), each of
 * these is made correct across them as ADR 0020 describes: the memories hear other workers' invalidations
 * (lib/worker-bus.ts), the throttle and the view counter check their counts in the database.
 */
export type ProcessStateName =
  | 'database connection'
  | 'query tallies'
  | 'statement counting'
  | 'trending rankings'
  | 'trending purge'
  | 'sign-in throttle'
  | 'routing memory'
  | 'view counter'
  | 'scheduler alarm'
  | 'live poll memory'
  | 'webhook sender alarm'
  | 'content api memory'
  | 'route handler scope';

const holder = globalThis as typeof globalThis & { __newsProcessState?: Map<ProcessStateName, unknown> };
const states = (holder.__newsProcessState ??= new Map<ProcessStateName, unknown>());

/** The process's one `name`, made by `create` the first time any bundle asks. */
export function oncePerProcess<T>(name: ProcessStateName, create: () => T): T {
  if (!states.has(name)) states.set(name, create());
  return states.get(name) as T;
}

/** The process's `name` if it has been made, without making it. */
export function existingProcessState<T>(name: ProcessStateName): T | undefined {
  return states.get(name) as T | undefined;
}

/** Forgets `name`: the next `oncePerProcess` makes a new one (a closed database connection). */
export function forgetProcessState(name: ProcessStateName): void {
  states.delete(name);
}

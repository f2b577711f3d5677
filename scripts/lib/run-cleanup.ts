import net from 'node:net';

/**
 * For scripts that start servers and make temp folders (bench, soak): whatever they register here goes
 * away on success, failure and Ctrl-C alike, in reverse order of registration.
 */

const cleanups: Array<() => void | Promise<void>> = [];
let cleaning: Promise<void> | undefined;

export function onCleanUp(step: () => void | Promise<void>): void {
  cleanups.push(step);
}

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error('Clean-up step failed:', error);
      }
    }
  })();
  return cleaning;
}

function exitOnSignals(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    // `on`, not `once`: tsx re-sends the signal when we are slow to acknowledge it (busy under load),
    // and with no listener left that second one would exit before the clean-up finished.
    process.on(signal, () => {
      if (cleaning) return;
      console.error(`\n${signal}: stopping the servers`);
      void cleanUp().finally(() => process.exit(code));
    });
  }
}

/** Fails early if something else listens on the port: the readiness checks would otherwise talk to it. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error) => reject(new Error(`port ${port} is not free (${error.message})`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/**
 * Runs a script's `main` (which answers an exit code), cleaning up after it whatever happens, and exits:
 * keep-alive sockets of fetch would otherwise hold the process open for a few seconds.
 */
export async function runScript(name: string, main: () => Promise<number>): Promise<never> {
  exitOnSignals();
  let exitCode = 1;
  try {
    exitCode = await main();
  } catch (error) {
    console.error(`${name} failed:`, error instanceof Error ? error.message : error);
  } finally {
    await cleanUp();
  }
  process.exit(exitCode);
}

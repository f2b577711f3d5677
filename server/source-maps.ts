/**
 * Imported first by server/main.ts, before Next loads. tsx (which runs the server) switches Node's source maps
 * on for every module, so Node reads and keeps the map of each of Next's compiled files as it loads them: 35-50 MB
 * of every server process (decision 21), for stack traces that point into Next's TypeScript. They stay off unless
 * SERVER_SOURCE_MAPS=1 (to debug a fault with traces into the sources). Without them a stack trace still names
 * each file and function; its line and column numbers are those of the code as compiled (by Next, or by tsx for
 * the site's own server code).
 */
if (process.env.SERVER_SOURCE_MAPS !== '1') process.setSourceMapsEnabled(false);

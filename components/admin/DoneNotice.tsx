/**
 * The confirmation a page shows after an action that redirected to it (`?done=deleted`). Only known
 * keys are shown, so a crafted link cannot put words in the newsroom's mouth.
 */
export function DoneNotice({ done, messages }: { done: string | string[] | undefined; messages: Readonly<Record<string, string>> }) {
  const key = Array.isArray(done) ? done[0] : done;
  const text = key !== undefined && Object.hasOwn(messages, key) ? messages[key] : undefined;
  if (!text) return null;
  return (
    <p className="notice notice--ok" role="status">
      {text}
    </p>
  );
}

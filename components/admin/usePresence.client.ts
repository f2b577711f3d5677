'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { PresenceIntent, PresenceView } from '@/db/articles/editor-presence';

/** How often an open editor says it is still there (the server forgets a tab after 15 s of silence). */
const HEARTBEAT_MS = 3_000;

function newTabId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Who else has this article open, from a heartbeat every few seconds over the same server-action path
 * as autosave. `claim` marks this tab as the one editing (when nobody else is); `takeOver` takes the
 * article from whoever is, who sees it on their next heartbeat.
 */
export function usePresence(
  articleId: number | null,
  articlePresence: (input: { articleId: number; tabId: string; intent: PresenceIntent }) => Promise<PresenceView | null>,
) {
  const [tabId] = useState(newTabId);
  const [view, setView] = useState<PresenceView | null>(null);
  const lastClaim = useRef(0);
  // The latest action, without restarting the heartbeat when the page's props are sent again.
  const presenceAction = useRef(articlePresence);
  useEffect(() => {
    presenceAction.current = articlePresence;
  });

  const beat = useCallback(
    async (intent: PresenceIntent) => {
      if (articleId === null) return;
      try {
        const answer = await presenceAction.current({ articleId, tabId, intent });
        if (answer) setView(answer);
      } catch {
        // Offline or restarting: the next heartbeat tries again.
      }
    },
    [articleId, tabId],
  );

  useEffect(() => {
    if (articleId === null) return;
    const first = setTimeout(() => void beat('here'), 0);
    const timer = setInterval(() => void beat('here'), HEARTBEAT_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [articleId, beat]);

  return {
    view,
    /** On the first keystroke: this tab is editing, unless someone else already is. */
    claim: () => {
      if (view?.holder?.self || view?.takenOverBy || Date.now() - lastClaim.current < HEARTBEAT_MS) return;
      lastClaim.current = Date.now();
      void beat('claim');
    },
    takeOver: () => {
      lastClaim.current = Date.now();
      void beat('takeover');
    },
  };
}

'use client';

import type { PresenceView } from '@/db/articles/editor-presence';
import type { LocalDraft } from './local-drafts.client';

const time = (at: number) => new Date(at).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * What the editor must know before typing: who else has the article open and whether someone is
 * editing it (with a button to take it over, as WordPress's post lock does), that someone took it over
 * from this tab, and text kept in this browser from an earlier visit that the server never got.
 */
export function EditorNotices({
  presence,
  onTakeOver,
  offer,
  onRestore,
  onDiscard,
}: {
  presence: PresenceView | null;
  onTakeOver: () => void;
  offer: LocalDraft | null;
  onRestore: (draft: LocalDraft) => void;
  onDiscard: () => void;
}) {
  const holder = presence?.holder;
  return (
    <>
      {offer && (
        <div className="editor-alert" role="alert">
          <p>
            Text you typed here on {time(offer.at)} was never saved. It was kept in this browser: restore it into the form, or discard it.
          </p>
          <button type="button" className="button" onClick={() => onRestore(offer)}>
            Restore my text
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={onDiscard}>
            Discard it
          </button>
        </div>
      )}
      {presence?.takenOverBy ? (
        <div className="editor-alert" role="alert">
          <p>
            {presence.takenOverBy} took over this article. Autosave is off in this tab; what you type is kept in this browser, and a save
            shows you what they changed first.
          </p>
          <button type="button" className="button button--secondary" onClick={onTakeOver}>
            Take it back
          </button>
        </div>
      ) : (
        holder &&
        !holder.self && (
          <div className="editor-alert" role="alert">
            {holder.sameUser ? (
              <p>
                You are editing this article in another tab or window (or were, a few seconds ago). Take it over to edit here: that tab
                stops autosaving, and a save there shows what changed here first.
              </p>
            ) : (
              <p>
                {holder.name} is editing this article now. Wait for them to finish, or take it over: they will be told at once, and
                whichever of you saves second will be shown the other’s changes to merge.
              </p>
            )}
            <button type="button" className="button button--secondary" onClick={onTakeOver}>
              Take over
            </button>
          </div>
        )
      )}
      {presence && presence.others.length > 0 && (
        <p className="presence" role="status">
          Also open by: {presence.others.map((other) => `${other.sameUser ? 'you, in another tab' : other.name}${other.editing ? ' (editing)' : ''}`).join(', ')}.
        </p>
      )}
    </>
  );
}

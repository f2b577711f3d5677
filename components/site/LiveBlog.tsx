import type { LiveBlog as LiveBlogCoverage, LiveUpdate } from '@/db/live-blogs';
import { toIsoString } from '@/lib/dates';
import { LIVE_BLOG_SCRIPT } from './LiveBlogScript';

const clock = (epochMs: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);

const excerpt = (update: LiveUpdate) => update.title || (update.body.length > 120 ? `${update.body.slice(0, 117).trimEnd()}…` : update.body);

/**
 * A live blog's coverage on its article page: the key events (pinned updates) as a summary linking to
 * them, then every posted update newest first, each at its own anchor (#update-<id>). While live, a small
 * inline script (./LiveBlogScript.ts) offers new updates without a reload; without JavaScript, each load
 * shows the newest (the page is re-rendered when an update is posted).
 */
export function LiveBlog({
  articleId,
  coverage,
  updates,
  timeZone,
  pollMs,
  checksForUpdates = true,
}: {
  articleId: number;
  coverage: LiveBlogCoverage;
  /** Posted updates, newest first. */
  updates: readonly LiveUpdate[];
  timeZone: string;
  /** How often the script asks for new updates. */
  pollMs: number;
  /** False in the newsroom's preview: its own policy runs no inline script of ours, and nothing new comes in. */
  checksForUpdates?: boolean;
}) {
  const live = coverage.endedAt === null;
  const keyEvents = updates.filter((u) => u.keyEvent);
  return (
    <section className="live-blog" aria-labelledby="live-updates-title" data-live-blog={articleId} data-poll-ms={pollMs}>
      {keyEvents.length > 0 && (
        <nav className="key-events" aria-labelledby="key-events-title">
          <h2 id="key-events-title">Key events</h2>
          <ul>
            {keyEvents.map((u) => (
              <li key={u.id}>
                <a href={`#update-${u.id}`}>
                  <time dateTime={toIsoString(u.postedAt ?? 0)}>{clock(u.postedAt ?? 0, timeZone)}</time> {excerpt(u)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <h2 id="live-updates-title">{live ? 'Live updates' : 'Updates (coverage has ended)'}</h2>
      {updates.length === 0 && <p>No updates yet.</p>}
      <div className="live-blog__new" data-live-new hidden>
        <button type="button" className="live-blog__new-button">
          New updates
        </button>
      </div>
      <ol className="live-blog__updates" data-live-updates>
        {updates.map((u) => (
          <li key={u.id} id={`update-${u.id}`} className={u.keyEvent ? 'live-update live-update--key' : 'live-update'} data-update-id={u.id}>
            <p className="live-update__meta">
              <a className="live-update__time" href={`#update-${u.id}`}>
                <time dateTime={toIsoString(u.postedAt ?? 0)}>{clock(u.postedAt ?? 0, timeZone)}</time>
              </a>
              {u.keyEvent && <span className="live-update__key">Key event</span>}
              {u.editedAt !== null && (
                <span className="live-update__edited">
                  updated <time dateTime={toIsoString(u.editedAt)}>{clock(u.editedAt, timeZone)}</time>
                </span>
              )}
              {u.byline && <span className="live-update__byline">{u.byline}</span>}
            </p>
            {u.title && <h3 className="live-update__title">{u.title}</h3>}
            <div className="prose live-update__body" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
          </li>
        ))}
      </ol>
      {live && checksForUpdates && <script dangerouslySetInnerHTML={{ __html: LIVE_BLOG_SCRIPT }} />}
    </section>
  );
}

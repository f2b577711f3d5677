/**
 * Counts one view after the page has loaded, with no cookie and no client runtime: a few bytes of inline
 * script. The script text never changes (the article id is read from its own data attribute), so a
 * Content-Security-Policy can allow it by hash.
 */
export const VIEW_BEACON_SCRIPT =
  "(function(s){var id=s&&s.getAttribute('data-article');if(!id||window.__viewSent)return;window.__viewSent=1;" +
  "addEventListener('load',function(){var u='/api/views';navigator.sendBeacon?navigator.sendBeacon(u,id):" +
  "fetch(u,{method:'POST',body:id,keepalive:true})})})(document.currentScript)";

export function ViewBeacon({ articleId }: { articleId: number }) {
  return <script data-article={articleId} dangerouslySetInnerHTML={{ __html: VIEW_BEACON_SCRIPT }} />;
}

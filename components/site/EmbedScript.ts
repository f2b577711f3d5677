import { EMBED_FRAME } from '@/lib/story-blocks/embeds';

/**
 * The reader page's embed loader (docs/decisions/0017), a few hundred bytes of inline script with no
 * framework (reader pages ship no client runtime, decision 16), allowed by its hash
 * (server/inline-script-hashes.ts). The page shows each embed as a facade (provider, title, link) and
 * loads nothing from the provider; this script adds a "Load …" button to each facade whose frame address
 * is one the site builds (checked again here), and a click puts the provider's frame in its place, with
 * focus on it. Without JavaScript the facade's link stays the way to the post or video.
 */
export const EMBED_SCRIPT =
  '(function(d){var R=' +
  String(EMBED_FRAME) +
  ';[].forEach.call(d.querySelectorAll("figure[data-embed]"),function(f){' +
  'var s=f.getAttribute("data-embed"),p=f.querySelector(".embed__provider"),t=f.querySelector(".embed__text"),b=d.createElement("button");' +
  'if(!R.test(s)||f.querySelector("button"))return;var n=p?p.textContent:"embed";' +
  'b.type="button";b.className="embed__load";b.textContent="Load the "+n+" from "+s.split("/")[2];' +
  'b.addEventListener("click",function(){var i=d.createElement("iframe");i.src=s;i.title=n+(t?": "+t.textContent:"");' +
  'i.className="embed__frame";i.setAttribute("allow","fullscreen; picture-in-picture; encrypted-media");' +
  'i.setAttribute("sandbox","allow-scripts allow-same-origin allow-popups allow-presentation");i.tabIndex=0;' +
  'if(p)p.remove();if(t)t.remove();b.replaceWith(i);i.focus()});f.insertBefore(b,f.querySelector("figcaption"))})})(document)';

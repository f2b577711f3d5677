/**
 * The live blog's poll, as a few hundred bytes of inline script with no framework (reader pages ship no
 * client runtime, decision 16). Its text never changes (what it needs is read from the live blog's data
 * attributes), so the policy allows it by hash (server/inline-script-hashes.ts).
 *
 * Every `data-poll-ms` (20 s by default) it asks /api/live/<id>?since=<newest shown> (the browser
 * revalidates with the ETag: a 304 when nothing is new) and, when there are new updates, shows
 * "N new updates". Pressing it fetches the page (cached HTML; again a few times if the page does not yet
 * show them all) and inserts the new updates at the top of the list. When the reader has scrolled into the list, showing the
 * button and inserting the updates scroll the page by what they moved, so what they are reading stays where
 * it is (scroll anchoring is off on live blogs: not every browser has it, and it would correct twice). It stops when coverage ends.
 */
export const LIVE_BLOG_SCRIPT =
  "(function(s){var b=s&&s.parentNode,w=window;if(!b||!w.fetch||!w.DOMParser)return;" +
  "var id=b.getAttribute('data-live-blog'),ms=+b.getAttribute('data-poll-ms')||2e4,L=b.querySelector('[data-live-updates]')," +
  "bar=b.querySelector('[data-live-new]'),btn=bar.querySelector('button'),busy=0,want=0;" +
  "function top(){var f=L.querySelector('[data-update-id]');return f?+f.getAttribute('data-update-id'):0}" +
  // keep(f): runs f (which changes what is above the reader) and scrolls by what moved the update being read.
  "function keep(f){var a=null,y=0,i;if(L.getBoundingClientRect().top<0)for(i=0;i<L.children.length;i++)" +
  "if(L.children[i].getBoundingClientRect().bottom>0){a=L.children[i];y=a.getBoundingClientRect().top;break}" +
  "f();if(a)w.scrollBy(0,a.getBoundingClientRect().top-y)}" +
  "function poll(){fetch('/api/live/'+id+'?since='+top()).then(function(r){return r.ok?r.json():null}).then(function(d){" +
  "if(!d)return;want=d.count;if(d.count>0){btn.textContent=d.count+(d.count==1?' new update':' new updates');" +
  "if(bar.hidden)keep(function(){bar.hidden=false})}" +
  "if(d.live)setTimeout(poll,ms)},function(){setTimeout(poll,ms*2)})}" +
  "function load(k){fetch(location.pathname,{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){" +
  "var n=new DOMParser().parseFromString(t,'text/html').querySelector('[data-live-updates]'),t0=top(),c;" +
  "c=n?[].filter.call(n.children,function(e){return +e.getAttribute('data-update-id')>t0}):[];" +
  "if(c.length<want&&k<5)return setTimeout(function(){load(k+1)},400);" +
  "keep(function(){bar.hidden=true;for(var i=c.length-1;i>=0;i--)L.insertBefore(document.importNode(c[i],true),L.firstChild)});busy=0},function(){busy=0})}" +
  "btn.addEventListener('click',function(){if(!busy){busy=1;load(0)}})" +
  ";setTimeout(poll,ms)})(document.currentScript)";

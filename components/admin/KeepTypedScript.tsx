/**
 * What an editor types into a newsroom form before React has hydrated it would be lost: hydrating a
 * `<textarea>` puts the server's text back into it (React's textarea setup), and a slow phone can show a
 * form a second or more before its scripts run. This inline script, first in the newsroom's <body>,
 * remembers each text field typed into while React does not own it yet (no fiber on the element), for
 * forms marked `data-keep-typed="<name>"`; the form's component puts those values back once hydrated
 * (useKeepTypedBeforeHydration in ./useKeepTyped.client.ts). No value leaves the page.
 */
export const KEEP_TYPED_SCRIPT =
  '(function(){var kept=window.__keptBeforeHydration={};' +
  "document.addEventListener('input',function(e){var f=e.target,form=f&&f.form;" +
  "if(!form||!f.name||!form.hasAttribute('data-keep-typed')||typeof f.value!=='string')return;" +
  "if(f.type==='password'||f.type==='file'||f.type==='hidden'||f.type==='checkbox'||f.type==='radio')return;" +
  "if(Object.keys(f).some(function(k){return k.indexOf('__reactFiber')===0}))return;" +
  "var same=form.querySelectorAll('[name=\"'+CSS.escape(f.name)+'\"]');" +
  "kept[form.getAttribute('data-keep-typed')+'\\n'+f.name+'\\n'+Array.prototype.indexOf.call(same,f)]=f.value},true)})()";

/** Rendered by the newsroom's layout with the request's nonce (the newsroom's policy allows no other inline script). */
export function KeepTypedScript({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: KEEP_TYPED_SCRIPT }} />;
}

/**
 * The pictures drawn by next/og (satori): plain JSX with inline styles, flexbox only, no class names.
 * Colours follow the site's masthead.
 */

const NAVY = '#0b2d5b';
const ACCENT = '#ffd166';

/** Long headlines get a smaller size, so every card holds the whole headline in at most five lines. */
function headlineSize(headline: string): number {
  if (headline.length <= 60) return 72;
  if (headline.length <= 110) return 60;
  if (headline.length <= 170) return 48;
  return 40;
}

export function ShareCard({ kicker, headline, siteName }: { kicker: string; headline: string; siteName: string }) {
  return (
    <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', background: NAVY, color: '#ffffff', padding: '64px 72px', fontFamily: 'Sans' }}>
      <div style={{ display: 'flex', fontSize: 30, color: ACCENT, textTransform: 'uppercase', letterSpacing: 2 }}>{kicker}</div>
      <div style={{ display: 'flex', fontFamily: 'Serif', fontSize: headlineSize(headline), lineHeight: 1.15, maxHeight: 440, overflow: 'hidden' }}>{headline}</div>
      <div style={{ display: 'flex', alignItems: 'center', fontSize: 30 }}>
        <div style={{ width: 48, height: 8, background: ACCENT, marginRight: 20 }} />
        {siteName}
      </div>
    </div>
  );
}

export function Logo({ siteName }: { siteName: string }) {
  return (
    <div style={{ width: '100%', height: '100%', display: 'flex', alignItems: 'center', background: NAVY, color: '#ffffff', padding: '0 16px', fontFamily: 'Serif', fontSize: 40 }}>
      {siteName}
    </div>
  );
}

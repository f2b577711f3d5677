export interface BreakingNewsProps {
  text: string;
  /** A path on this site, or null. */
  link: string | null;
}

/**
 * The breaking-news banner at the top of every reader page: a labelled region, plain server HTML (no
 * script), its text escaped as all text is. It is never part of a feed, sitemap or JSON-LD.
 */
export function BreakingNewsBanner({ text, link }: BreakingNewsProps) {
  return (
    <section className="breaking" aria-labelledby="breaking-news-title">
      <div className="wrap breaking__bar">
        <h2 className="breaking__label" id="breaking-news-title">
          Breaking news
        </h2>
        <p className="breaking__text">{link ? <a href={link}>{text}</a> : text}</p>
      </div>
    </section>
  );
}

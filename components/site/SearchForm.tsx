import type { Section } from '@/db/types';
import type { SearchForm as SearchFormValues } from '@/lib/reader/search-page';
import { MAX_QUERY_CHARACTERS } from '@/lib/config';

/** The search page's own form: the words, and optionally a section and a date range. A plain GET form. */
export function SearchForm({ form, sections }: { form: SearchFormValues; sections: readonly Section[] }) {
  return (
    <form className="search-form" action="/search" method="get" role="search" aria-label="Search articles">
      <p className="search-form__words">
        <label htmlFor="search-q">Words to find</label>
        <input id="search-q" type="search" name="q" defaultValue={form.q} maxLength={MAX_QUERY_CHARACTERS} />
      </p>
      <p>
        <label htmlFor="search-section">Section</label>
        <select id="search-section" name="section" defaultValue={form.section}>
          <option value="">All sections</option>
          {sections.map((section) => (
            <option key={section.slug} value={section.slug}>
              {section.name}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label htmlFor="search-from">From</label>
        <input id="search-from" type="date" name="from" defaultValue={form.from} />
      </p>
      <p>
        <label htmlFor="search-to">To</label>
        <input id="search-to" type="date" name="to" defaultValue={form.to} />
      </p>
      <p className="search-form__submit">
        <button type="submit">Search</button>
      </p>
    </form>
  );
}

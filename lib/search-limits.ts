/**
 * How much a reader may type into the search box: the form's maxLength, the search page and the
 * database's query builder all cut at this. Nobody types this much into a search box, and each term
 * costs a posting-list read.
 */
export const MAX_QUERY_CHARACTERS = 200;

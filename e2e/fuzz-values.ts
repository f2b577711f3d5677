/**
 * Malformed values for e2e/fuzz.spec.ts, written as they go on the wire: percent-escapes stay escapes, so
 * the server receives exactly these bytes (fetch and URL would normalise or re-encode many of them).
 * None contains what the spec looks for in an answer (stack frames, SQL, "Error:"), so a search page
 * that echoes a value back cannot be mistaken for a leak.
 */

export interface FuzzValue {
  name: string;
  /** Put verbatim into a path segment, a query value or a request body. */
  wire: string;
}

const TEN_KB = 10 * 1024;
/** `unit` repeated to at most `length` characters, whole units only (a percent-escape is never cut). */
const repeatTo = (unit: string, length: number) => unit.repeat(Math.floor(length / unit.length));

export const FUZZ_VALUES: readonly FuzzValue[] = [
  // Numbers a page number, an id or a date could be confused with.
  { name: 'empty', wire: '' },
  { name: 'zero', wire: '0' },
  { name: 'negative', wire: '-1' },
  { name: 'huge negative', wire: '-99999999999999999999' },
  { name: 'huge', wire: '99999999999999999999999999' },
  { name: 'past 2^53', wire: '9007199254740993' },
  { name: 'fraction', wire: '1.5' },
  { name: 'exponent', wire: '1e3' },
  { name: 'overflowing exponent', wire: '1e309' },
  { name: 'NaN', wire: 'NaN' },
  { name: 'Infinity', wire: '-Infinity' },
  { name: 'hex', wire: '0x10' },
  { name: 'leading zero', wire: '010' },
  { name: 'plus sign', wire: '+2' },
  { name: 'padded', wire: '%202%20' },
  { name: 'Arabic-Indic digit', wire: '%D9%A2' },
  { name: 'fullwidth digit', wire: '%EF%BC%92' },
  { name: 'impossible date', wire: '2026-02-30' },
  { name: 'out-of-range date', wire: '275760-09-14' },
  { name: 'year zero', wire: '0000-01-01' },
  { name: 'date with time', wire: '2026-11-28T25:61:00Z' },
  // Bytes that are not text, or not the text they seem.
  { name: 'null byte', wire: '%00' },
  { name: 'null byte inside', wire: 'politics%00.xml' },
  { name: 'control characters', wire: '%01%08%1B%7F' },
  { name: 'CRLF header injection', wire: '%0D%0ASet-Cookie:%20injected=1' },
  { name: 'encoded slash', wire: '%2F' },
  { name: 'encoded traversal', wire: '..%2F..%2F..%2Fetc%2Fpasswd' },
  { name: 'dot dot', wire: '..' },
  { name: 'encoded dot dot', wire: '%2E%2E' },
  { name: 'backslash traversal', wire: '..%5C..%5Cwindows%5Cwin.ini' },
  { name: 'overlong UTF-8 slash', wire: '%C0%AF' },
  { name: 'lone 0xFF', wire: '%FF' },
  { name: 'byte order swap', wire: '%FE%FF' },
  { name: 'truncated UTF-8', wire: '%E2%82' },
  { name: 'UTF-16 surrogate', wire: '%ED%A0%80' },
  { name: 'past U+10FFFF', wire: '%F4%90%80%80' },
  { name: 'lone percent', wire: '%' },
  { name: 'half escape', wire: '%E0%A4%A' },
  { name: 'not hex', wire: '%zz%G0' },
  { name: 'right-to-left override', wire: '%E2%80%AEfdp.exe' },
  { name: 'emoji', wire: '%F0%9F%92%A9' },
  { name: 'accented', wire: 'caf%C3%A9' },
  { name: 'capitals', wire: 'POLITICS' },
  // Shapes other languages give meaning to.
  { name: 'markup', wire: '%3Cscript%3Ealert(1)%3C%2Fscript%3E' },
  { name: 'attribute break-out', wire: '%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E' },
  { name: 'quote and comment', wire: "'%20OR%201%3D1--" },
  { name: 'statement break', wire: '1%3B%20drop%20table%20articles' },
  { name: 'search syntax', wire: '%22%20NEAR(a%20b)%20*%20%5E%20-x%20title%3Ay%20AND' },
  { name: 'lone quote', wire: '%22' },
  { name: 'prototype key', wire: '__proto__' },
  { name: 'JSON', wire: '%7B%22a%22%3A%5B1%5D%7D' },
  { name: 'query characters', wire: '%3F%23%26%3D' },
  { name: 'plus signs', wire: '+++' },
  { name: 'template', wire: '%24%7B7*7%7D%7B%7B7*7%7D%7D' },
  // Sizes.
  { name: '10 KB of letters', wire: 'a'.repeat(TEN_KB) },
  { name: '10 KB slug', wire: repeatTo('ab-', TEN_KB).replace(/-$/, '') },
  { name: '10 KB of digits', wire: '9'.repeat(TEN_KB) },
  { name: '10 KB of escaped letters', wire: repeatTo('%41', TEN_KB) },
  { name: '10 KB of invalid UTF-8', wire: repeatTo('%FF', TEN_KB) },
  { name: '10 KB of null bytes', wire: repeatTo('%00', TEN_KB) },
];

/** Ways to send one query parameter other than once with one value. `name` is the parameter's name. */
export const QUERY_SHAPES: readonly { name: string; query: (param: string) => string }[] = [
  { name: 'repeated', query: (param) => `${param}=1&${param}=2` },
  { name: 'repeated, first empty', query: (param) => `${param}=&${param}=2` },
  { name: 'array brackets', query: (param) => `${param}[]=1&${param}[]=2` },
  { name: 'index brackets', query: (param) => `${param}[0]=1` },
  { name: 'nested object', query: (param) => `${param}[a][b]=1` },
  { name: 'no value', query: (param) => param },
  { name: 'no equals, then a value', query: (param) => `${param}&${param}=2` },
  { name: 'escaped name', query: (param) => `${encodeURIComponent(param).replace(/^./, (c) => `%${c.charCodeAt(0).toString(16)}`)}=2` },
  { name: 'semicolon separated', query: (param) => `${param}=1;${param}=2` },
  { name: 'empty pairs', query: (param) => `&&${param}=1&&=&=x&` },
];

/**
 * Whole request targets, sent as they are: the forms of RFC 9112 other than a plain path, and paths
 * made of many segments. Those with spaces, raw bytes or control characters go over a bare socket.
 */
export const RAW_TARGETS: readonly FuzzValue[] = [
  { name: 'asterisk form', wire: '*' },
  { name: 'absolute form', wire: 'http://evil.example/politics' },
  { name: 'scheme-relative', wire: '//evil.example/politics' },
  { name: 'empty query', wire: '/politics?' },
  { name: 'only a fragment', wire: '/politics#x' },
  { name: 'many slashes', wire: '/'.repeat(2000) },
  { name: '10 KB path of segments', wire: '/a'.repeat(TEN_KB / 2) },
  { name: '10 KB path of dot segments', wire: '/..'.repeat(TEN_KB / 3) },
  { name: 'raw 0xFF byte', wire: '/politics\u00ff' },
  { name: 'raw overlong slash', wire: '/politics/\u00c0\u00af' },
  { name: 'raw null byte', wire: '/politics\u0000' },
  { name: 'raw space', wire: '/politics x' },
  { name: 'raw tab in query', wire: '/search?q=a\tb' },
];

/** Requests in a method the routes do not answer, or a form post no form sent: each goes to every route's working address. */
export const OTHER_REQUESTS: readonly { name: string; method: string; body?: string; headers?: Record<string, string> }[] = [
  { name: 'TRACE', method: 'TRACE' },
  { name: 'OPTIONS', method: 'OPTIONS' },
  { name: 'PUT', method: 'PUT', body: 'x' },
  { name: 'DELETE', method: 'DELETE' },
  { name: 'PATCH', method: 'PATCH', body: '{}' },
  { name: 'truncated form post', method: 'POST', body: '--x\r\n', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } },
  { name: 'form post of no form', method: 'POST', body: 'garbage', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } },
];

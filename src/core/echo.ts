/**
 * A value quoted back in an error message, made safe to print: one line, no terminal control,
 * short. Whatever a user typed (a flag value, a URL parameter, a file field) may hold a newline
 * that splits a "one line" error, an escape sequence that rewrites a terminal, a bidirectional
 * override that reorders the text around it, or five thousand characters; the message should
 * still be one readable line that says which value was refused.
 */

/** The longest value quoted back, in characters (code points); longer ones end in "…". */
export const MAX_ECHO_CHARS = 40;

/**
 * C0 and C1 controls, DEL, the line and paragraph separators, the bidirectional marks, embeddings,
 * overrides and isolates, zero-width characters and the BOM, and lone surrogates: each is written
 * as a \u escape (\n, \r and \t as themselves escaped) so it is visible and harmless.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with unsafe characters escaped, cut to `maxChars` code points (before escaping) plus "…". */
export function echo(text: string, maxChars = MAX_ECHO_CHARS): string {
  // by code point, so a cut never splits a surrogate pair; a head of 2·maxChars + 2 code units
  // holds more than maxChars code points whenever the text is longer than the head
  const head = Array.from(text.slice(0, 2 * maxChars + 2));
  const kept = head.length > maxChars ? `${head.slice(0, maxChars).join('')}…` : text;
  return kept.replace(UNSAFE, escapeChar);
}

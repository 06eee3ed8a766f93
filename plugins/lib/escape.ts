/**
 * Escaping for the places where text from documents lands inside markup that is not React's escaped text:
 * JSON inside `<script>`, and chat markup (Slack mrkdwn, Teams Markdown). Prefer escaping to refusing: a title such
 * as "p99 < 100 ms" stays valid and reads the same.
 */

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` become \u escapes (so `</script>` and `<!--`
 * cannot end or change the element), and U+2028/U+2029 are escaped for older JavaScript parsers. The JSON value
 * is unchanged: JSON.parse gives the same strings back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** C0/C1 control characters other than tab and newline. */
export const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Bidirectional overrides, embeddings and isolates: they make text read differently from what it is (Trojan Source). */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** A description of the first character that can never be legitimate in a title or label, or undefined. */
export function forbiddenCharacter(s: string): string | undefined {
  const m = CONTROL_CHARS.exec(s) ?? BIDI_CONTROLS.exec(s);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return BIDI_CONTROLS.test(m[0]) ? `the bidirectional control character U+${code}` : `the control character U+${code}`;
}

/** Text (any value, as a string; nothing for null) for HTML element content or a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

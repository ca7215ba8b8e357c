// Strings that end up in object names, keys and values: what the API server, the kubelet and the YAML readers
// downstream take as they are. Control characters never; an identifier also has no surrounding whitespace.

/** Single-line text: no control characters (C0, DEL, C1, line and paragraph separators). */
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;
/** Free text (env values, annotation values): line breaks and tabs allowed, other control characters not. */
export const FREE_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
/** An identifier written by a person: single-line and without leading or trailing whitespace (NBSP included). */
export const IDENTIFIER = /^(?!\s)[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*(?<!\s)$/;

/** The shape of an http(s) URL written out in full: no whitespace or control characters anywhere, which the URL parser
 * would drop or trim silently, so the value used is the value written. What editors check; isHttpUrl adds the parser. */
export const HTTP_URL = /^https?:\/\/[^/\\\u0000-\u0020\u007f-\u009f][^\u0000-\u0020\u007f-\u009f]*$/;

/** An absolute http or https URL with a host, as the WHATWG URL parser (browsers, Node) reads it, written as it is used. */
export function isHttpUrl(value: string): boolean {
  if (!HTTP_URL.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

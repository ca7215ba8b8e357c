// Limits on what the readers hand to yaml's composer, which builds a quoted scalar one character at a time (some
// 70 bytes of memory per byte of input). No value of a Kubernetes object comes near the limit: the API server takes
// objects of about 1.5 MB. Lexing to find out is cheap: 20 MB in a few milliseconds.
import { Lexer } from 'yaml';

export const MAX_SCALAR_LENGTH = 4 << 20;

/** The length of the first token longer than the limit, if any. */
export function oversizedToken(text: string): number | undefined {
  if (text.length <= MAX_SCALAR_LENGTH) return undefined;
  for (const token of new Lexer().lex(text)) if (token.length > MAX_SCALAR_LENGTH) return token.length;
  return undefined;
}

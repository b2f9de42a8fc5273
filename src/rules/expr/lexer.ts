/**
 * Hand-written lexer: one pass over char codes, no regex per token, and every token keeps its offset so errors
 * point at the exact column.
 */
import { ExpressionError, issueAt } from './errors.js';

export type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Operator/identifier text, string contents (unescaped), or number source. */
  text: string;
  value: number;
  start: number;
  end: number;
  /** A `quoted name`: never a keyword. */
  quoted?: boolean;
}

const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=', '&&', '||']);
const ONE_CHAR_OPS = new Set(['(', ')', '[', ']', ',', '.', '+', '-', '*', '/', '%', '<', '>', '!']);
export const MAX_EXPRESSION_LENGTH = 10_000;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

export function tokenize(source: string): Token[] {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError([issueAt(source, 0, 1, `expression longer than ${MAX_EXPRESSION_LENGTH} characters`)]);
  }
  const tokens: Token[] = [];
  const fail = (offset: number, length: number, message: string): never => {
    throw new ExpressionError([issueAt(source, offset, length, message)]);
  };
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    // `//` comment to end of line, so long conditions can be annotated in YAML block scalars
    if (c === 47 && source.charCodeAt(i + 1) === 47) {
      while (i < n && source.charCodeAt(i) !== 10) i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      while (i < n && (isDigit(source.charCodeAt(i)) || source.charCodeAt(i) === 95)) i++;
      if (source.charCodeAt(i) === 46 && isDigit(source.charCodeAt(i + 1))) {
        i++;
        while (i < n && (isDigit(source.charCodeAt(i)) || source.charCodeAt(i) === 95)) i++;
      }
      const e = source.charCodeAt(i);
      if (e === 101 || e === 69) {
        let j = i + 1;
        if (source.charCodeAt(j) === 43 || source.charCodeAt(j) === 45) j++;
        if (!isDigit(source.charCodeAt(j))) fail(i, 1, 'malformed exponent in number');
        i = j;
        while (i < n && isDigit(source.charCodeAt(i))) i++;
      }
      if (i < n && isIdentStart(source.charCodeAt(i))) fail(start, i - start + 1, 'a name cannot start with a digit');
      const text = source.slice(start, i);
      tokens.push({ kind: 'number', text, value: Number(text.replace(/_/g, '')), start, end: i });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', text: source.slice(start, i), value: 0, start, end: i });
      continue;
    }
    // `quoted name` for columns that are not identifiers, e.g. `NumberOfTime30-59DaysPastDueNotWorse`
    if (c === 96) {
      const close = source.indexOf('`', i + 1);
      const nl = source.indexOf('\n', i + 1);
      if (close < 0 || (nl >= 0 && nl < close)) fail(start, 1, 'unterminated `quoted name`');
      if (close === i + 1) fail(start, 2, 'empty `quoted name`');
      tokens.push({ kind: 'ident', text: source.slice(i + 1, close), value: 0, start, end: close + 1, quoted: true });
      i = close + 1;
      continue;
    }
    if (c === 39 || c === 34) {
      i++;
      let text = '';
      let closed = false;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        if (d === 10) break;
        if (d === 92) {
          const esc = source[i + 1];
          if (esc === 'n') text += '\n';
          else if (esc === 't') text += '\t';
          else if (esc === '\\' || esc === "'" || esc === '"') text += esc;
          else fail(i, 2, `unknown escape \\${esc ?? ''} in string`);
          i += 2;
          continue;
        }
        text += source[i];
        i++;
      }
      if (!closed) fail(start, i - start, 'unterminated string');
      tokens.push({ kind: 'string', text, value: 0, start, end: i });
      continue;
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      tokens.push({ kind: 'op', text: two, value: 0, start, end: i + 2 });
      i += 2;
      continue;
    }
    const one = source[i]!;
    if (ONE_CHAR_OPS.has(one)) {
      tokens.push({ kind: 'op', text: one, value: 0, start, end: i + 1 });
      i++;
      continue;
    }
    if (one === '=') fail(i, 1, "use '==' to compare");
    fail(i, 1, `unexpected character '${one}'`);
  }
  tokens.push({ kind: 'eof', text: '', value: 0, start: n, end: n });
  return tokens;
}

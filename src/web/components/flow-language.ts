/**
 * Syntax highlighting for flow documents: YAML structure (keys, comments, strings, numbers) and the rule language
 * inside `when:` expressions (and/or/not/in, comparison operators, field paths). Highlighting only — the server's
 * validator is the judge of what is valid.
 */
import { StreamLanguage, type StringStream } from '@codemirror/language';

const KEYWORDS = /^(and|or|not|in|between|matches|exists)\b/;
const ATOMS = /^(true|false|null|approve|review|decline|score-adjust)\b/;

export const flowYaml = StreamLanguage.define<{ value: boolean }>({
  name: 'riskloop-flow',
  startState: () => ({ value: false }),
  token(stream: StringStream, state) {
    if (stream.sol()) state.value = false;
    if (stream.eatSpace()) return null;
    if (stream.match(/^#.*/)) return 'comment';
    if (!state.value) {
      if (stream.match(/^- /)) return 'operator';
      if (stream.match(/^[A-Za-z_][\w.-]*(?=\s*:(\s|$))/)) return 'property';
      if (stream.match(/^:/)) {
        state.value = true;
        return 'operator';
      }
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^']|'')*'?/)) return 'string';
    if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?\b/)) return 'number';
    if (stream.match(KEYWORDS)) return 'keyword';
    if (stream.match(ATOMS)) return 'atom';
    if (stream.match(/^(>=|<=|==|!=|[<>+\-*/%|[\]{}(),])/)) return 'operator';
    if (stream.match(/^[A-Za-z_][\w.]*/)) return 'variable';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } },
});

/**
 * Where in the YAML text an authoring problem sits. The server names a problem by JSON pointer into the document
 * (`/stages/1/rules/0/when`) with the line and column inside the expression, or by `text:L:C` for YAML syntax
 * errors; the editor needs character offsets.
 */
import { isNode, parseDocument, type Node } from 'yaml';
import type { Answer } from '../api';
import type { EditorMark } from '../components/editor';

/** What places a problem in the text (the flow and trigger-set validators both answer these fields). */
export type FlowProblem = Pick<
  Answer<'/v1/flows/validate', 'post'>['problems'][number],
  'path' | 'line' | 'column' | 'message' | 'suggestion'
>;

function offsetOfLineCol(text: string, line: number, col: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off + Math.max(0, col - 1);
}

export function problemMarks(text: string, problems: FlowProblem[]): EditorMark[] {
  const doc = parseDocument(text, { keepSourceTokens: true });
  return problems.map((p) => {
    const message = p.suggestion ? `${p.message} (did you mean ${p.suggestion}?)` : p.message;
    const textPos = /^text:(\d+):(\d+)$/.exec(p.path);
    if (textPos) {
      const from = offsetOfLineCol(text, Number(textPos[1]), Number(textPos[2]));
      return { from, to: from + 1, message };
    }
    const pointer = p.path.slice(p.path.indexOf('/'));
    const keys = pointer
      .split('/')
      .slice(1)
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k.replace(/~1/g, '/').replace(/~0/g, '~')));
    // walk as deep as the document goes: a missing key points at its parent
    let node: unknown = null;
    for (let depth = keys.length; depth > 0 && !isNode(node); depth--) node = doc.getIn(keys.slice(0, depth), true);
    if (!isNode(node) || !(node as Node).range) return { from: 0, to: 1, message: `${p.path}: ${message}` };
    const [start, end] = (node as Node).range!;
    const src = text.slice(start, end);
    const quoted = src.startsWith('"') || src.startsWith("'") ? 1 : 0;
    if (p.line !== undefined && p.column !== undefined && !/^[|>]/.test(src)) {
      // plain or quoted scalar: the expression's own line/column map onto the text
      const exprStart = start + quoted;
      const inExpr = offsetOfLineCol(text.slice(exprStart, end), p.line, p.column);
      const from = exprStart + inExpr;
      const word = /^[\w.]+/.exec(text.slice(from, end))?.[0].length ?? 1;
      return { from, to: from + Math.max(1, word), message };
    }
    return { from: start, to: Math.max(start + 1, end), message };
  });
}

/** The rule carrying a reason code: its `id:` line to its end, to select in the editor. */
export function ruleRange(text: string, reasonCode: string): { from: number; to: number; ruleId: string } | null {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const stages = doc.get('stages', true);
  if (!stages || !('items' in (stages as object))) return null;
  for (const stage of (stages as { items: unknown[] }).items) {
    const rules = isNode(stage)
      ? (stage as unknown as { get(k: string, keep: true): unknown }).get('rules', true)
      : null;
    if (!rules || !('items' in (rules as object))) continue;
    for (const rule of (rules as { items: Node[] }).items) {
      const r = rule as unknown as { get(k: string): unknown; range?: [number, number, number] };
      if (r.get('reasonCode') === reasonCode && r.range) {
        return { from: r.range[0], to: r.range[1], ruleId: String(r.get('id') ?? '') };
      }
    }
  }
  return null;
}

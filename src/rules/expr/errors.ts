/**
 * Authoring errors for the expression language. Every problem carries the line and column (1-based) so an editor
 * can underline it, and where a name is unknown, the nearest known name.
 */
import { ValidationError } from '../../core/errors.js';

export interface SourcePosition {
  /** 0-based character offset into the source. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface ExpressionIssue extends SourcePosition {
  /** Characters covered by the problem (at least 1), so a UI can underline the whole name. */
  length: number;
  message: string;
  /** Nearest known field or function name when a name is unknown. */
  suggestion?: string;
}

export class ExpressionError extends ValidationError {
  readonly details: ExpressionIssue[];
  constructor(details: ExpressionIssue[], pathPrefix = 'expression') {
    const first = details[0];
    super(
      first ? `${first.message} (line ${first.line}, column ${first.column})` : 'invalid expression',
      details.map((d) => ({ path: `${pathPrefix}:${d.line}:${d.column}`, message: d.message })),
    );
    this.details = details;
  }
}

/** Line/column of an offset; computed only when an error is reported, so lexing stays cheap. */
export function positionAt(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

export function issueAt(source: string, offset: number, length: number, message: string, suggestion?: string) {
  const issue: ExpressionIssue = { ...positionAt(source, offset), length: Math.max(1, length), message };
  if (suggestion !== undefined) issue.suggestion = suggestion;
  return issue;
}

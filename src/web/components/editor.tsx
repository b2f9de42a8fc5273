/**
 * The flow editor: CodeMirror 6 with flow highlighting and the server's authoring errors as inline diagnostics.
 * The parent owns the text; diagnostics arrive as character ranges.
 */
import { useEffect, useRef } from 'react';
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { flowYaml } from './flow-language';

export interface EditorMark {
  from: number;
  to: number;
  message: string;
}

export function FlowEditor({
  text,
  onChange,
  marks,
  highlight,
  label,
}: {
  text: string;
  onChange: (text: string) => void;
  marks: EditorMark[];
  /** A range to select and scroll to (e.g. the rule behind a decision's reason). */
  highlight: { from: number; to: number } | null;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text,
        extensions: [
          basicSetup,
          // the page's CSP admits the editor's generated <style> element by this per-response nonce
          EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? ''),
          flowYaml,
          lintGutter(),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // the editor is created once; later text changes from outside are applied below
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current !== text) v.dispatch({ changes: { from: 0, to: current.length, insert: text } });
  }, [text]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const len = v.state.doc.length;
    const diagnostics: Diagnostic[] = marks.map((m) => {
      const from = Math.min(Math.max(0, m.from), len);
      return { from, to: Math.min(Math.max(from, m.to), len), severity: 'error', message: m.message };
    });
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [marks]);

  useEffect(() => {
    const v = view.current;
    if (!v || !highlight) return;
    const len = v.state.doc.length;
    const anchor = Math.min(highlight.from, len);
    v.dispatch({
      selection: { anchor, head: Math.min(highlight.to, len) },
      effects: EditorView.scrollIntoView(anchor, { y: 'center' }),
    });
  }, [highlight]);

  // the YAML is code: its rule names, messages and keys are not the page’s words to translate
  return <div ref={host} className="editor" data-testid="flow-editor" translate="no" />;
}

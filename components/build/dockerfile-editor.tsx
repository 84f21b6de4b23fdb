'use client';
// The Dockerfile editor: CodeMirror 6 with its Dockerfile mode, and the advisor's findings drawn inline
// (underlined, with a gutter marker and the why and fix on hover).
import { useEffect, useMemo, useRef } from 'react';
import CodeMirror, { EditorView, type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { StreamLanguage } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { DockerfileFinding } from '@/lib/api/dockerfile';

export interface DockerfileEditorProps {
  value: string;
  onChange: (value: string) => void;
  findings: DockerfileFinding[];
  /** A line to scroll to and select (from the advisor list); changes of the counter re-trigger it. */
  focusLine: { line: number; nonce: number } | null;
}

const SEVERITY: Record<DockerfileFinding['severity'], Diagnostic['severity']> = { error: 'error', warning: 'warning', info: 'info' };

export function toDiagnostics(findings: DockerfileFinding[], doc: { lines: number; line(n: number): { from: number; to: number } }): Diagnostic[] {
  return findings
    .filter((finding) => finding.line <= doc.lines)
    .map((finding) => ({
      from: doc.line(finding.line).from,
      to: doc.line(Math.min(finding.endLine, doc.lines)).to,
      severity: SEVERITY[finding.severity],
      source: finding.rule,
      message: `${finding.message} Fix: ${finding.fix}`,
    }));
}

export function DockerfileEditor({ value, onChange, findings, focusLine }: DockerfileEditorProps) {
  const ref = useRef<ReactCodeMirrorRef>(null);
  const extensions = useMemo(
    () => [StreamLanguage.define(dockerFile), lintGutter(), EditorView.lineWrapping, EditorView.contentAttributes.of({ 'aria-label': 'Dockerfile' })],
    [],
  );

  // Findings arrive from the server after typing pauses; they replace the editor's diagnostics.
  useEffect(() => {
    const view = ref.current?.view;
    if (!view) return;
    view.dispatch(setDiagnostics(view.state, toDiagnostics(findings, view.state.doc)));
  }, [findings, value]);

  useEffect(() => {
    const view = ref.current?.view;
    if (!view || !focusLine || focusLine.line > view.state.doc.lines) return;
    const line = view.state.doc.line(focusLine.line);
    view.dispatch({ selection: { anchor: line.from, head: line.to }, scrollIntoView: true });
    view.focus();
  }, [focusLine]);

  return (
    <div className="overflow-hidden rounded-lg border border-slate-300 bg-white text-sm">
      <CodeMirror
        ref={ref}
        value={value}
        onChange={onChange}
        extensions={extensions}
        height="360px"
        basicSetup={{ foldGutter: false, autocompletion: false, searchKeymap: true }}
      />
    </div>
  );
}

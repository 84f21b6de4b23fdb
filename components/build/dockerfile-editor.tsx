'use client';
// The Dockerfile editor: CodeMirror 6 with its Dockerfile mode, and the advisor's findings drawn inline
// (underlined, with a gutter marker and the why and fix on hover). CodeMirror's own linter runs the
// advisor on the editor's current text, so the marks always match the text they are drawn on.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Compartment, Facet } from '@codemirror/state';
import CodeMirror, { EditorView, type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { StreamLanguage } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { DockerfileFinding } from '@/lib/api/dockerfile';
import { lintDockerfile } from '@/lib/dockerfile';

export interface DockerfileEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** The stage being built: it decides which stages' size rules apply. */
  target: string;
  /** A line to scroll to and select (from the advisor list); changes of the counter re-trigger it. */
  focusLine: { line: number; nonce: number } | null;
}

const SEVERITY: Record<DockerfileFinding['severity'], Diagnostic['severity']> = { error: 'error', warning: 'warning', info: 'info' };

export function toDiagnostics(
  findings: DockerfileFinding[],
  doc: { lines: number; line(n: number): { from: number; to: number } },
): Diagnostic[] {
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

/** The stage being built, kept in the editor's own state so the linter reads it when it runs. */
const buildTarget = Facet.define<string, string>({ combine: (values) => values[0] ?? '' });

const BASE_EXTENSIONS = [
  StreamLanguage.define(dockerFile),
  linter(
    (view) => {
      const target = view.state.facet(buildTarget);
      return toDiagnostics(lintDockerfile(view.state.doc.toString(), target ? { target } : undefined), view.state.doc);
    },
    { delay: 250 },
  ),
  lintGutter(),
  EditorView.lineWrapping,
  EditorView.contentAttributes.of({ 'aria-label': 'Dockerfile' }),
];

export function DockerfileEditor({ value, onChange, target, focusLine }: DockerfileEditorProps) {
  const ref = useRef<ReactCodeMirrorRef>(null);
  const [targetSlot] = useState(() => new Compartment());
  const extensions = useMemo(() => [...BASE_EXTENSIONS, targetSlot.of(buildTarget.of(''))], [targetSlot]);

  useEffect(() => {
    const view = ref.current?.view;
    if (!view) return;
    view.dispatch({ effects: targetSlot.reconfigure(buildTarget.of(target)) });
    forceLinting(view);
  }, [target, targetSlot]);

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

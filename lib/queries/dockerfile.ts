// The advisor's findings for the text in the editor. The advisor is pure code with no server part, so
// the editor runs it in the browser: instant, and it works in read-only mode, where every POST (the
// lint route included) is refused. POST /api/dockerfile/lint runs the very same function for scripts.
'use client';
import { useDeferredValue, useMemo } from 'react';
import type { DockerfileFinding } from '@/lib/api/dockerfile';
import { lintDockerfile } from '@/lib/dockerfile';

export function useDockerfileLint(text: string, target: string): { findings: DockerfileFinding[]; checking: boolean } {
  const deferred = useDeferredValue(text);
  const findings = useMemo(() => (deferred.trim() ? lintDockerfile(deferred, target ? { target } : undefined) : []), [deferred, target]);
  return { findings, checking: deferred !== text };
}

// The advisor's findings for the text in the editor, asked for once the typing pauses.
'use client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { LintDockerfileResponse } from '@/lib/api/dockerfile';
import { apiFetch, shouldRetry } from '@/lib/api/fetch';

export const dockerfileKeys = {
  lint: (text: string, target: string) => ['dockerfile', 'lint', text, target] as const,
};

export const dockerfileLintOptions = (text: string, target: string) =>
  queryOptions({
    queryKey: dockerfileKeys.lint(text, target),
    queryFn: ({ signal }) =>
      apiFetch<LintDockerfileResponse>('/api/dockerfile/lint', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ dockerfile: text, ...(target ? { target } : {}) }),
        signal,
      }),
    enabled: text.trim().length > 0,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
    retry: shouldRetry,
  });

export const useDockerfileLint = (text: string, target: string) => useQuery(dockerfileLintOptions(text, target));

'use client';
import type { RunStatus } from '@/lib/api/retention';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const WORDS: Record<RunStatus, { tone: BadgeTone; label: string }> = {
  applied: { tone: 'green', label: 'deleted' },
  nothing: { tone: 'slate', label: 'nothing to do' },
  held: { tone: 'amber', label: 'waits for you' },
  failed: { tone: 'red', label: 'failed' },
};

export function RunStatusBadge({ status, matchesPreview }: { status: RunStatus; matchesPreview?: boolean }) {
  const words = WORDS[status];
  return (
    <Badge tone={status === 'applied' && matchesPreview === false ? 'amber' : words.tone}>
      {status === 'applied' && matchesPreview === false ? 'differs from preview' : words.label}
    </Badge>
  );
}

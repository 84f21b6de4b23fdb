import type { Outcome } from '@/lib/api/tags';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const LOOK: Record<Outcome, { label: string; tone: BadgeTone }> = {
  planned: { label: 'will run', tone: 'blue' },
  refused: { label: 'will be refused', tone: 'amber' },
  ok: { label: 'done', tone: 'green' },
  skipped: { label: 'skipped', tone: 'slate' },
  error: { label: 'cannot', tone: 'red' },
};

export interface OutcomeBadgeProps {
  outcome: Outcome;
}

export function OutcomeBadge({ outcome }: OutcomeBadgeProps) {
  return <Badge tone={LOOK[outcome].tone}>{outcome === 'error' ? 'failed' : LOOK[outcome].label}</Badge>;
}

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

export interface OutcomeRow {
  key: string;
  /** The row's names (a tag or image; from and to), one cell each. */
  names: string[];
  outcome: Outcome;
  message: string;
}

export interface OutcomeTableProps {
  /** The table's name before and after applying (`What will happen` / `Results`). */
  label: string;
  applied: boolean;
  /** Headers of the name columns, with their widths. */
  columns: { title: string; className?: string }[];
  rows: OutcomeRow[];
  className?: string;
}

/** What a bulk action plans, then what it did: its names, the outcome badge and the details line. */
export function OutcomeTable({ label, applied, columns, rows, className = '' }: OutcomeTableProps) {
  return (
    <table aria-label={label} className={`w-full table-fixed text-sm ${className}`}>
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          {columns.map((column) => (
            <th key={column.title} className={`py-1 ${column.className ?? ''}`}>
              {column.title}
            </th>
          ))}
          <th className="w-24 py-1">{applied ? 'Result' : 'Plan'}</th>
          <th className="py-1">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-t border-slate-100 align-top">
            {row.names.map((name, i) => (
              <td key={i} className="truncate py-1.5 pr-2 font-mono text-xs" title={name}>
                {name}
              </td>
            ))}
            <td className="py-1.5">
              <OutcomeBadge outcome={row.outcome} />
            </td>
            <td className="py-1.5">{row.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

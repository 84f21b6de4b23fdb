'use client';
import { buttonClass } from '@/components/ui/modal';

export interface PagerProps {
  label: string;
  page: number;
  /** Null while the server is still counting. */
  pages: number | null;
  hasMore: boolean;
  summary: string;
  onPage: (page: number) => void;
}

/** Previous / Next over pages the server cuts: nothing beyond one page travels to the browser. */
export function Pager({ label, page, pages, hasMore, summary, onPage }: PagerProps) {
  return (
    <nav aria-label={label} className="mt-3 flex items-center gap-2 text-sm">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)} className={buttonClass.quiet}>
        Previous
      </button>
      <span>
        Page {page.toLocaleString('en')}
        {pages !== null ? ` of ${pages.toLocaleString('en')}` : ''} · {summary}
      </span>
      <button type="button" disabled={!hasMore} onClick={() => onPage(page + 1)} className={buttonClass.quiet}>
        Next
      </button>
    </nav>
  );
}

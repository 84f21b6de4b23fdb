'use client';
import { useState } from 'react';
import type { HistoryResponse } from '@/lib/api/history';
import { historyMarkdown, imageTitle } from '@/lib/history-breakdown';
import { imageHref } from '@/components/images/image-href';
import { copyText } from '@/components/ui/copy-button';
import { useEngineHref } from '@/components/ui/engine-link';

export interface ShareBarProps {
  history: HistoryResponse;
}

/** Export the breakdown as a PNG (rendered on the server, secrets redacted), as Markdown, or as a link. */
export function ShareBar({ history }: ShareBarProps) {
  const engineHref = useEngineHref();
  const [done, setDone] = useState<string | null>(null);
  const { image } = history;
  const hex = image.id.replace(/^sha256:/, '');
  const fileName = `${imageTitle(image).replace(/[^a-z0-9._-]+/gi, '-')}-layers.png`;
  const permalink = () => `${window.location.origin}${engineHref(imageHref(image.id))}#breakdown`;
  const flash = (what: string) => {
    setDone(what);
    setTimeout(() => setDone(null), 1500);
  };
  const button = 'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50';
  return (
    <div className="flex items-center gap-2">
      <a href={engineHref(`/api/images/${hex}/breakdown.png`)} download={fileName} className={button}>
        Export PNG
      </a>
      <button
        type="button"
        className={button}
        onClick={() => void copyText(historyMarkdown(history, permalink())).then(() => flash('Markdown copied'))}
      >
        Copy as Markdown
      </button>
      <button type="button" className={button} onClick={() => void copyText(permalink()).then(() => flash('Link copied'))}>
        Copy link
      </button>
      <span role="status" aria-live="polite" className="w-28 text-xs text-emerald-700">
        {done}
      </span>
    </div>
  );
}

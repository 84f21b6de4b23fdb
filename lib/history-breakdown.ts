// The numbers behind the layer breakdown card, its PNG export and its Markdown: pure, shared by the
// browser and the server so all three always agree.
import type { HistoryResponse, HistoryStep } from '@/lib/api/history';
import { formatBytes } from '@/lib/format';
import { redactCommand } from '@/lib/secrets';

export interface BreakdownLayer {
  step: HistoryStep;
  /** 1-based position in the stack, oldest first. */
  position: number;
  share: number;
}

export interface Breakdown {
  layers: BreakdownLayer[];
  total: number;
  baseBytes: number;
  ownBytes: number;
  top: BreakdownLayer[];
}

export function computeBreakdown(history: HistoryResponse, topCount = 5): Breakdown {
  const layerSteps = history.steps.filter((step) => step.layerIndex !== null);
  const total = layerSteps.reduce((sum, step) => sum + step.size, 0);
  const layers = layerSteps.map((step, i) => ({ step, position: i + 1, share: total > 0 ? step.size / total : 0 }));
  const baseBytes = layerSteps.filter((step) => step.fromBase).reduce((sum, step) => sum + step.size, 0);
  const top = [...layers]
    .sort((a, b) => b.step.size - a.step.size || a.position - b.position)
    .slice(0, topCount)
    .filter((layer) => layer.step.size > 0);
  return { layers, total, baseBytes, ownBytes: total - baseBytes, top };
}

/** The name people know an image by: its first tag, or its short ID. */
export function imageTitle(image: HistoryResponse['image']): string {
  return image.repoTags[0] ?? image.shortId;
}

const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/`/g, 'ˋ');

/** A Markdown table of every step, secrets redacted, for pasting into an issue or a chat. */
export function historyMarkdown(history: HistoryResponse, permalink?: string): string {
  const { image, base } = history;
  const breakdown = computeBreakdown(history);
  const lines = [
    `### ${imageTitle(image)}: layer history`,
    '',
    `Image \`${image.id}\` · ${formatBytes(image.size)} · ${image.os}/${image.architecture} · created ${image.created.slice(0, 10)}` +
      (base
        ? ` · built FROM ${base.repoTags[0] ?? base.shortId} (${base.layerCount} layer${base.layerCount === 1 ? '' : 's'}, ${formatBytes(breakdown.baseBytes)})`
        : ''),
    '',
    '| # | Step | Size | Layer | Command |',
    '|---:|---|---:|---|---|',
    ...history.steps.map((step) => {
      const layer = step.layerIndex === null ? 'none (metadata only)' : `${step.layerIndex + 1}${step.fromBase ? ' (base)' : ''}`;
      return `| ${step.index + 1} | ${step.instruction} | ${formatBytes(step.size)} | ${layer} | \`${cell(redactCommand(step.createdBy))}\` |`;
    }),
  ];
  if (permalink) lines.push('', `[Open in Strata](${permalink})`);
  return `${lines.join('\n')}\n`;
}

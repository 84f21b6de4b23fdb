// The layer breakdown as an image for sharing: no UI chrome, just the image's name, ID, date, engine,
// the stacked bar and the largest layers. Rendered on the server by next/og (satori), which supports
// a subset of CSS: every element with several children is a flex box, and sizes are in pixels.
import type { HistoryResponse } from '@/lib/api/history';
import { computeBreakdown, imageTitle } from '@/lib/history-breakdown';
import { formatBytes, formatDateTime, formatPercent } from '@/lib/format';
import { redactCommand } from '@/lib/secrets';

export const PNG_WIDTH = 1200;
export const PNG_HEIGHT = 630;

export interface BreakdownImageProps {
  history: HistoryResponse;
  engine: string;
  /** Pixel ratio: 2 renders a crisp image for high-density screens. */
  scale: number;
}

const BASE = ['#94a3b8', '#cbd5e1'];
const OWN = ['#0ea5e9', '#6366f1', '#38bdf8', '#818cf8'];
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function BreakdownImage({ history, engine, scale: s }: BreakdownImageProps) {
  const breakdown = computeBreakdown(history);
  const { image, base } = history;
  let own = 0;
  let inBase = 0;
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        width: '100%',
        height: '100%',
        background: '#ffffff',
        padding: 48 * s,
        fontSize: 20 * s,
        color: '#0f172a',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <div style={{ display: 'flex', fontSize: 38 * s, fontWeight: 700 }}>{clip(imageTitle(image), 48)}</div>
        <div style={{ display: 'flex', fontSize: 30 * s, fontWeight: 700 }}>{formatBytes(breakdown.total)}</div>
      </div>
      <div style={{ display: 'flex', marginTop: 8 * s, color: '#475569', fontSize: 18 * s }}>
        {`${image.shortId} · ${image.os}/${image.architecture} · created ${formatDateTime(image.created)} · ${breakdown.layers.length} layers`}
      </div>
      <div
        style={{
          display: 'flex',
          marginTop: 28 * s,
          height: 48 * s,
          width: '100%',
          borderRadius: 8 * s,
          overflow: 'hidden',
          background: '#f1f5f9',
        }}
      >
        {breakdown.layers.map((layer) => (
          <div
            key={layer.position}
            style={{
              display: 'flex',
              width: `${layer.share * 100}%`,
              height: '100%',
              background: layer.step.fromBase ? BASE[inBase++ % BASE.length] : OWN[own++ % OWN.length],
            }}
          />
        ))}
      </div>
      <div style={{ display: 'flex', marginTop: 12 * s, fontSize: 18 * s, color: '#334155' }}>
        {base
          ? `Base ${clip(base.repoTags[0] ?? base.shortId, 40)}: ${formatBytes(breakdown.baseBytes)}  ·  its own layers: ${formatBytes(breakdown.ownBytes)}`
          : `All layers: ${formatBytes(breakdown.ownBytes)}`}
      </div>
      <div style={{ display: 'flex', marginTop: 28 * s, fontSize: 20 * s, fontWeight: 700 }}>Largest layers</div>
      <div style={{ display: 'flex', flexDirection: 'column', marginTop: 8 * s }}>
        {breakdown.top.map((layer) => (
          <div key={layer.position} style={{ display: 'flex', alignItems: 'center', marginTop: 6 * s, fontSize: 17 * s }}>
            <div style={{ display: 'flex', width: 110 * s, color: '#64748b' }}>{`layer ${layer.position}`}</div>
            <div style={{ display: 'flex', flex: 1, fontFamily: 'monospace' }}>{clip(redactCommand(layer.step.createdBy), 70)}</div>
            <div style={{ display: 'flex', width: 120 * s, justifyContent: 'flex-end' }}>{formatBytes(layer.step.size)}</div>
            <div style={{ display: 'flex', width: 80 * s, justifyContent: 'flex-end', color: '#64748b' }}>
              {formatPercent(layer.step.size, breakdown.total)}
            </div>
          </div>
        ))}
      </div>
      <div style={{ display: 'flex', marginTop: 'auto', justifyContent: 'space-between', fontSize: 15 * s, color: '#64748b' }}>
        <div style={{ display: 'flex' }}>{clip(image.id, 80)}</div>
        <div style={{ display: 'flex' }}>{`Strata · ${clip(engine, 50)}`}</div>
      </div>
    </div>
  );
}

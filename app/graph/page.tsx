import type { Metadata } from 'next';
import { ComingSoon } from '@/components/layout/coming-soon';

export const metadata: Metadata = { title: 'Graph' };

export default function GraphPage() {
  return (
    <ComingSoon title="Tag graph">
      <p>This page will draw which tags point to which image IDs, and which layers those images share.</p>
      <p>A tag is only a pointer to an image ID; many tags can share one ID, and moving a tag can leave the old image dangling.</p>
    </ComingSoon>
  );
}

// One tar entry of a layer as the analysis records it, for unit tests: a small regular file unless
// `extra` says otherwise.
import type { LayerEntry } from '@/lib/api/analysis';

export const layerEntry = (path: string, extra: Partial<LayerEntry> = {}): LayerEntry => ({
  path,
  type: 'file',
  size: 5,
  mode: 0o644,
  uid: 0,
  gid: 0,
  hash: null,
  linkTarget: null,
  removes: false,
  opaque: false,
  ...extra,
});

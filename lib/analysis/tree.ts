// File trees for the Files view: one layer's changes, or the whole filesystem as of a layer, with
// directory sizes summed, flattened into rows for a virtualized list. Pure: shared by browser and tests.
import type { Change, EntryType, LayerChange } from '@/lib/api/analysis';

export interface TreeNode {
  name: string;
  path: string;
  type: EntryType;
  /** Own size for files; the sum below for directories. */
  size: number;
  change: Change;
  permissionsOnly: boolean;
  /** A link's target, shown beside its name. */
  linkTarget?: string;
  children: TreeNode[];
}

export interface TreeRow {
  node: TreeNode;
  depth: number;
  expanded: boolean;
}

export type TreeSort = 'size' | 'name';

/** The filesystem after layers 1..k: later entries replace earlier ones, removals take whole subtrees. */
export function filesystemAt(changes: readonly LayerChange[][], k: number): LayerChange[] {
  const state = new Map<string, LayerChange>();
  for (const layer of changes.slice(0, k)) {
    for (const change of layer) {
      if (change.change === 'removed') {
        for (const path of [...state.keys()]) if (path === change.path || path.startsWith(`${change.path}/`)) state.delete(path);
        continue;
      }
      const previous = state.get(change.path);
      state.set(change.path, previous && change.change === 'unchanged' ? previous : change);
    }
  }
  return [...state.values()];
}

export function buildTree(entries: readonly LayerChange[]): TreeNode {
  const root: TreeNode = { name: '/', path: '', type: 'directory', size: 0, change: 'unchanged', permissionsOnly: false, children: [] };
  const dirs = new Map<string, TreeNode>([['', root]]);
  const ensureDir = (path: string): TreeNode => {
    const known = dirs.get(path);
    if (known) return known;
    const slash = path.lastIndexOf('/');
    const parent = ensureDir(slash >= 0 ? path.slice(0, slash) : '');
    const node: TreeNode = {
      name: path.slice(slash + 1),
      path,
      type: 'directory',
      size: 0,
      change: 'unchanged',
      permissionsOnly: false,
      children: [],
    };
    parent.children.push(node);
    dirs.set(path, node);
    return node;
  };
  for (const entry of [...entries].sort((a, b) => a.path.localeCompare(b.path))) {
    if (entry.type === 'directory' && entry.change !== 'removed') {
      const node = ensureDir(entry.path);
      node.change = entry.change;
      node.permissionsOnly = entry.permissionsOnly;
      continue;
    }
    const slash = entry.path.lastIndexOf('/');
    const parent = ensureDir(slash >= 0 ? entry.path.slice(0, slash) : '');
    parent.children.push({
      name: entry.path.slice(slash + 1),
      path: entry.path,
      type: entry.type,
      size: entry.size,
      change: entry.change,
      permissionsOnly: entry.permissionsOnly,
      ...(entry.linkTarget ? { linkTarget: entry.linkTarget } : {}),
      children: [],
    });
  }
  const sum = (node: TreeNode): number => {
    if (node.children.length === 0 && node.type !== 'directory') return node.size;
    node.size = node.children.reduce((total, child) => total + sum(child), 0);
    return node.size;
  };
  sum(root);
  return root;
}

const isDir = (node: TreeNode) => node.type === 'directory' || node.children.length > 0;

/** Visible rows: children of expanded directories, sorted; a filter keeps matching paths and their parents. */
export function flatten(root: TreeNode, expanded: ReadonlySet<string>, sort: TreeSort, filter: string): TreeRow[] {
  const needle = filter.trim().toLowerCase();
  const rows: TreeRow[] = [];
  const matches = (node: TreeNode): boolean => node.path.toLowerCase().includes(needle) || node.children.some(matches);
  const order = (a: TreeNode, b: TreeNode) => (sort === 'size' ? b.size - a.size : 0) || a.name.localeCompare(b.name);
  const walk = (node: TreeNode, depth: number) => {
    for (const child of [...node.children].sort(order)) {
      if (needle && !matches(child)) continue;
      const open = isDir(child) && (expanded.has(child.path) || needle !== '');
      rows.push({ node: child, depth, expanded: open });
      if (open) walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return rows;
}

export { isDir as isDirectory };

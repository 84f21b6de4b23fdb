// The tag → image ID → layer graph as nodes and edges, laid out with dagre. Pure (no React), so the
// shape of the graph for a given engine state is unit-tested and the layout can be timed.
import dagre from '@dagrejs/dagre';
import type { Edge, Node } from '@xyflow/react';
import type { GraphImage, GraphLayer, GraphResponse } from '@/lib/api/graph';
import type { ImagePlatform } from '@/lib/api/images';
import { formatPlatform } from '@/lib/format';

export type GraphNodeData =
  | { kind: 'repo'; label: string; tags: number }
  | { kind: 'tag'; label: string; tag: string; imageId: string }
  | { kind: 'image'; label: string; image: GraphImage; showTags: boolean }
  | { kind: 'layer'; label: string; layer: GraphLayer }
  | { kind: 'platform'; label: string; platform: ImagePlatform; imageId: string };

export type GraphNode = Node<GraphNodeData>;

export interface GraphOptions {
  showLayers: boolean;
  /** Keep only images with a tag whose repository contains this text (a registry host, a team…). */
  repoFilter: string;
}

const SIZE: Record<GraphNodeData['kind'], { width: number; height: number }> = {
  repo: { width: 220, height: 36 },
  tag: { width: 200, height: 30 },
  image: { width: 210, height: 54 },
  layer: { width: 170, height: 40 },
  platform: { width: 170, height: 40 },
};

/** `localhost:5000/team/app:v1` → `localhost:5000/team/app` (a tag never holds a colon). */
export function repositoryOf(tag: string): string {
  return tag.slice(0, tag.lastIndexOf(':'));
}

export const nodeId = {
  repo: (name: string) => `repo:${name}`,
  tag: (tag: string) => `tag:${tag}`,
  image: (id: string) => `img:${id}`,
  layer: (chain: string) => `layer:${chain}`,
  platform: (imageId: string, manifest: string) => `platform:${imageId}:${manifest}`,
};

export function buildGraph(data: GraphResponse, options: GraphOptions): { nodes: GraphNode[]; edges: Edge[]; kind: LayoutKind } {
  const filter = options.repoFilter.trim().toLowerCase();
  const images = data.images.filter((image) => !filter || image.repoTags.some((tag) => repositoryOf(tag).toLowerCase().includes(filter)));
  const shown = new Set(images.map((image) => image.id));
  const layerById = new Map(data.layers.map((layer) => [layer.id, layer]));
  const nodes = new Map<string, GraphNode>();
  const edges: Edge[] = [];
  const edgeIds = new Set<string>();
  const link = (edge: Edge) => {
    if (edgeIds.has(edge.id)) return;
    edgeIds.add(edge.id);
    edges.push(edge);
  };
  const add = (id: string, data: GraphNodeData) => {
    if (!nodes.has(id)) nodes.set(id, { id, type: data.kind, data, position: { x: 0, y: 0 }, ...SIZE[data.kind] });
  };

  // A big graph collapses its tags: repositories point straight at images, and each image node lists
  // its tags. Thousands of tag nodes would make the first render take seconds and show only dots.
  const tagCount = images.reduce((sum, image) => sum + image.repoTags.length, 0);
  const collapseTags = images.length + tagCount > DAGRE_NODE_LIMIT;
  for (const image of images) {
    const imageNode = nodeId.image(image.id);
    add(imageNode, { kind: 'image', label: image.shortId, image, showTags: collapseTags });
    for (const tag of image.repoTags) {
      const repo = repositoryOf(tag);
      add(nodeId.repo(repo), { kind: 'repo', label: repo, tags: 0 });
      const repoNode = nodes.get(nodeId.repo(repo))!;
      if (repoNode.data.kind === 'repo') repoNode.data.tags += 1;
      if (collapseTags) {
        link({ id: `${nodeId.repo(repo)}>${imageNode}`, source: nodeId.repo(repo), target: imageNode });
        continue;
      }
      add(nodeId.tag(tag), { kind: 'tag', label: tag.slice(repo.length + 1), tag, imageId: image.id });
      link({ id: `${nodeId.repo(repo)}>${nodeId.tag(tag)}`, source: nodeId.repo(repo), target: nodeId.tag(tag) });
      link({ id: `${nodeId.tag(tag)}>${imageNode}`, source: nodeId.tag(tag), target: imageNode });
    }
    if (image.parent && shown.has(image.parent)) {
      link({
        id: `${imageNode}>parent`,
        source: imageNode,
        target: nodeId.image(image.parent),
        type: 'straight',
        label: 'built on',
        data: { layout: false },
        style: { strokeDasharray: '4 4' },
      });
    }
    // An index → one node per platform manifest; its layers (the default platform's) hang from that one.
    let layersFrom = imageNode;
    for (const platform of image.platforms ?? []) {
      const label = formatPlatform(platform);
      const node = nodeId.platform(image.id, platform.id);
      add(node, { kind: 'platform', label, platform, imageId: image.id });
      link({ id: `${imageNode}>${node}`, source: imageNode, target: node, label: 'manifest' });
      if (label === image.layersPlatform) layersFrom = node;
    }
    if (options.showLayers) {
      // Image → its top layer → the layer below → …: a shared base is one trunk many stacks grow from.
      image.layers.forEach((chain, i) => {
        const layer = layerById.get(chain);
        if (!layer) return;
        add(nodeId.layer(chain), { kind: 'layer', label: `layer ${i + 1}`, layer });
      });
      const top = image.layers[image.layers.length - 1];
      if (top) link({ id: `${layersFrom}>${nodeId.layer(top)}`, source: layersFrom, target: nodeId.layer(top) });
      for (let i = image.layers.length - 1; i > 0; i--) {
        link({
          id: `${nodeId.layer(image.layers[i]!)}>${nodeId.layer(image.layers[i - 1]!)}`,
          source: nodeId.layer(image.layers[i]!),
          target: nodeId.layer(image.layers[i - 1]!),
        });
      }
    }
  }
  return layout([...nodes.values()], edges);
}

/** Above this many nodes dagre's crossing minimisation takes seconds; see `columnLayout`. */
export const DAGRE_NODE_LIMIT = 300;

export type LayoutKind = 'dagre' | 'columns';

/** Left to right: repositories, tags, image IDs, then layers down to the base. */
export function layout(nodes: GraphNode[], edges: Edge[]): { nodes: GraphNode[]; edges: Edge[]; kind: LayoutKind } {
  if (nodes.length > DAGRE_NODE_LIMIT) return { ...columnLayout(nodes, edges), kind: 'columns' };
  const graph = new dagre.graphlib.Graph();
  // longest-path ranking: the graph is already layered (repo → tag → image → layers); network simplex
  // would spend seconds re-deriving that.
  graph.setGraph({ rankdir: 'LR', ranker: 'longest-path', nodesep: 10, ranksep: 70, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  for (const edge of edges) if (shapesLayout(edge)) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  return {
    nodes: nodes.map((node) => {
      const placed = graph.node(node.id);
      return { ...node, position: { x: placed.x - (node.width ?? 0) / 2, y: placed.y - (node.height ?? 0) / 2 } };
    }),
    edges,
    kind: 'dagre',
  };
}

// "Built on" edges are drawn but do not shape the layout: they would pull images into new columns.
const shapesLayout = (edge: Edge) => (edge.data as { layout?: boolean } | undefined)?.layout !== false;

const COLUMN_GAP = 90;
const ROW_GAP = 8;

/**
 * For big graphs: the graph is already layered, so place each kind in its column (layers by depth) and
 * order every column by the average position of what points at it (one barycenter sweep). Linear in
 * nodes and edges; a 2,500-node graph lays out in milliseconds.
 */
export function columnLayout(nodes: GraphNode[], edges: Edge[]): { nodes: GraphNode[]; edges: Edge[] } {
  const column = new Map<string, number>();
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    if (!shapesLayout(edge)) continue;
    const list = incoming.get(edge.target);
    if (list) list.push(edge.source);
    else incoming.set(edge.target, [edge.source]);
  }
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const hasTags = nodes.some((node) => node.data.kind === 'tag');
  const base = { repo: 0, tag: 1, image: hasTags ? 2 : 1, platform: hasTags ? 3 : 2 } as const;
  // Layers sit one column right of whatever points at them (longest path), visited in edge order.
  const columnOf = (id: string, seen = new Set<string>()): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    let value: number;
    if (node.data.kind !== 'layer') value = base[node.data.kind];
    else if (seen.has(id)) value = base.image + 1;
    else {
      seen.add(id);
      value = Math.max(base.image, ...(incoming.get(id) ?? []).map((source) => columnOf(source, seen))) + 1;
    }
    column.set(id, value);
    return value;
  };
  const columns: GraphNode[][] = [];
  for (const node of nodes) (columns[columnOf(node.id)] ??= []).push(node);

  const rank = new Map<string, number>();
  const widths: number[] = [];
  columns.forEach((members = [], index) => {
    const barycenter = (node: GraphNode) => {
      const sources = (incoming.get(node.id) ?? [])
        .map((source) => rank.get(source))
        .filter((value): value is number => value !== undefined);
      return sources.length ? sources.reduce((sum, value) => sum + value, 0) / sources.length : Number.POSITIVE_INFINITY;
    };
    const ordered =
      index === 0
        ? [...members].sort((a, b) => a.data.label.localeCompare(b.data.label))
        : [...members].sort((a, b) => barycenter(a) - barycenter(b) || a.id.localeCompare(b.id));
    ordered.forEach((node, position) => rank.set(node.id, position));
    columns[index] = ordered;
    widths[index] = Math.max(0, ...ordered.map((node) => node.width ?? 0));
  });

  const placed: GraphNode[] = [];
  let x = 20;
  columns.forEach((members = [], index) => {
    let y = 20;
    for (const node of members) {
      placed.push({ ...node, position: { x, y } });
      y += (node.height ?? 0) + ROW_GAP;
    }
    x += (widths[index] ?? 0) + COLUMN_GAP;
  });
  return { nodes: placed, edges };
}

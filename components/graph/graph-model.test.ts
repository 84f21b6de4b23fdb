import { describe, expect, it } from 'vitest';
import type { GraphImage, GraphResponse } from '@/lib/api/graph';
import { buildGraph, columnLayout, DAGRE_NODE_LIMIT, nodeId, repositoryOf } from '@/components/graph/graph-model';

const image = (id: string, repoTags: string[], layers: string[], parent: string | null = null): GraphImage => ({
  id,
  shortId: id.slice(0, 12),
  repoTags,
  size: 10,
  contentSize: null,
  uniqueSize: 1,
  dangling: repoTags.length === 0,
  containers: 0,
  parent,
  layers,
});

const data: GraphResponse = {
  images: [
    image('base', ['team/base:1'], ['L0']),
    image('app', ['team/app:1.0', 'team/app:latest', 'localhost:5000/team/app:1.0'], ['L0', 'L1'], 'base'),
    image('old', [], ['L0', 'L2']),
  ],
  layers: [
    { id: 'L0', diffId: 'sha256:' + '0'.repeat(64), size: 100, users: 3 },
    { id: 'L1', diffId: 'sha256:' + '1'.repeat(64), size: 5, users: 1 },
    { id: 'L2', diffId: 'sha256:' + '2'.repeat(64), size: 7, users: 1 },
  ],
};

const edgeIds = (graph: ReturnType<typeof buildGraph>) => graph.edges.map((edge) => edge.id).sort();

describe('buildGraph', () => {
  it('draws repository → tag → image, with one image node for many tags', () => {
    const graph = buildGraph(data, { showLayers: false, repoFilter: '' });
    expect(graph.nodes.filter((node) => node.type === 'image')).toHaveLength(3);
    expect(
      graph.nodes
        .filter((node) => node.type === 'repo')
        .map((node) => node.data.label)
        .sort(),
    ).toEqual(['localhost:5000/team/app', 'team/app', 'team/base']);
    expect(edgeIds(graph)).toEqual(
      [
        `${nodeId.repo('team/app')}>${nodeId.tag('team/app:1.0')}`,
        `${nodeId.repo('team/app')}>${nodeId.tag('team/app:latest')}`,
        `${nodeId.repo('localhost:5000/team/app')}>${nodeId.tag('localhost:5000/team/app:1.0')}`,
        `${nodeId.repo('team/base')}>${nodeId.tag('team/base:1')}`,
        `${nodeId.tag('team/app:1.0')}>${nodeId.image('app')}`,
        `${nodeId.tag('team/app:latest')}>${nodeId.image('app')}`,
        `${nodeId.tag('localhost:5000/team/app:1.0')}>${nodeId.image('app')}`,
        `${nodeId.tag('team/base:1')}>${nodeId.image('base')}`,
        `${nodeId.image('app')}>parent`,
      ].sort(),
    );
    expect(graph.kind).toBe('dagre');
  });

  it('shows a shared layer once, with every stack leading to it', () => {
    const graph = buildGraph(data, { showLayers: true, repoFilter: '' });
    expect(
      graph.nodes
        .filter((node) => node.type === 'layer')
        .map((node) => node.id)
        .sort(),
    ).toEqual(['layer:L0', 'layer:L1', 'layer:L2']);
    const intoBase = graph.edges
      .filter((edge) => edge.target === 'layer:L0')
      .map((edge) => edge.source)
      .sort();
    expect(intoBase).toEqual(['img:base', 'layer:L1', 'layer:L2']);
  });

  it('filters by repository or registry, keeping whole images', () => {
    const graph = buildGraph(data, { showLayers: false, repoFilter: 'localhost:5000' });
    expect(graph.nodes.filter((node) => node.type === 'image').map((node) => node.id)).toEqual(['img:app']);
    // The kept image still shows all its tags; the untagged one is filtered out.
    expect(graph.nodes.filter((node) => node.type === 'tag')).toHaveLength(3);
  });

  it('names the repository of a tag with a registry port', () => {
    expect(repositoryOf('localhost:5000/team/app:1.0')).toBe('localhost:5000/team/app');
  });

  it('switches big graphs to the column layout, each kind in its own column', () => {
    const many: GraphResponse = {
      images: Array.from({ length: DAGRE_NODE_LIMIT }, (_, i) => image(`id${i}`, [`bench/img:${i}`], ['L0'])),
      layers: data.layers,
    };
    const graph = buildGraph(many, { showLayers: true, repoFilter: '' });
    expect(graph.kind).toBe('columns');
    const x = (type: string) => new Set(graph.nodes.filter((node) => node.type === type).map((node) => node.position.x));
    expect(x('repo').size).toBe(1);
    // Tags are collapsed into their images: repositories point straight at image IDs.
    expect(x('tag').size).toBe(0);
    expect(graph.edges.some((edge) => edge.id === `${nodeId.repo('bench/img')}>${nodeId.image('id0')}`)).toBe(true);
    expect([...x('repo')][0]!).toBeLessThan([...x('image')][0]!);
    expect([...x('image')][0]!).toBeLessThan([...x('layer')][0]!);
  });

  it('orders a column by what points at it', () => {
    const laid = columnLayout(
      [
        { id: 'repo:b', type: 'repo', data: { kind: 'repo', label: 'b', tags: 1 }, position: { x: 0, y: 0 }, width: 10, height: 10 },
        { id: 'repo:a', type: 'repo', data: { kind: 'repo', label: 'a', tags: 1 }, position: { x: 0, y: 0 }, width: 10, height: 10 },
        {
          id: 'tag:b:1',
          type: 'tag',
          data: { kind: 'tag', label: '1', tag: 'b:1', imageId: 'x' },
          position: { x: 0, y: 0 },
          width: 10,
          height: 10,
        },
        {
          id: 'tag:a:1',
          type: 'tag',
          data: { kind: 'tag', label: '1', tag: 'a:1', imageId: 'x' },
          position: { x: 0, y: 0 },
          width: 10,
          height: 10,
        },
      ],
      [
        { id: '1', source: 'repo:b', target: 'tag:b:1' },
        { id: '2', source: 'repo:a', target: 'tag:a:1' },
      ],
    );
    const y = (id: string) => laid.nodes.find((node) => node.id === id)!.position.y;
    expect(y('repo:a')).toBeLessThan(y('repo:b'));
    expect(y('tag:a:1')).toBeLessThan(y('tag:b:1'));
  });
});

describe('buildGraph with a multi-platform image', () => {
  const platform = (architecture: string, id: string, available = true) => ({
    os: 'linux',
    architecture,
    variant: null,
    id,
    available,
    contentSize: 10,
    unpackedSize: available ? 5 : 0,
  });
  const multi: GraphResponse = {
    images: [
      {
        ...image('idx', ['team/multi:1'], ['L0']),
        platforms: [platform('amd64', 'm-amd'), platform('arm64', 'm-arm'), platform('arm', 'm-v7', false)],
        layersPlatform: 'linux/amd64',
      },
      image('single', ['team/one:1'], ['L0']),
    ],
    layers: [{ id: 'L0', diffId: 'sha256:' + '0'.repeat(64), size: 100, users: 2 }],
  };

  it('draws index → one manifest node per platform, labelled with the platform; a single-platform image gets none', () => {
    const graph = buildGraph(multi, { showLayers: false, repoFilter: '' });
    const platforms = graph.nodes.filter((node) => node.type === 'platform');
    expect(platforms.map((node) => node.data.label)).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm']);
    expect(graph.edges.filter((edge) => edge.target.startsWith('platform:')).map((edge) => edge.source)).toEqual([
      nodeId.image('idx'),
      nodeId.image('idx'),
      nodeId.image('idx'),
    ]);
    expect(graph.edges.some((edge) => edge.source === nodeId.image('single') && edge.target.startsWith('platform:'))).toBe(false);
  });

  it('hangs the index’s layers from the platform they belong to, and a single image’s from the image', () => {
    const graph = buildGraph(multi, { showLayers: true, repoFilter: '' });
    const intoTop = graph.edges
      .filter((edge) => edge.target === nodeId.layer('L0'))
      .map((edge) => edge.source)
      .sort();
    expect(intoTop).toEqual([nodeId.image('single'), nodeId.platform('idx', 'm-amd')].sort());
    const columns = columnLayout(graph.nodes, graph.edges).nodes;
    const x = (id: string) => columns.find((node) => node.id === id)!.position.x;
    expect(x(nodeId.platform('idx', 'm-arm'))).toBeGreaterThan(x(nodeId.image('idx')));
    expect(x(nodeId.layer('L0'))).toBeGreaterThan(x(nodeId.platform('idx', 'm-amd')));
  });
});

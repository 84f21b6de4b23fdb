'use client';
import '@xyflow/react/dist/style.css';
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Edge } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { buildGraph, type GraphNode } from '@/components/graph/graph-model';
import { nodeTypes } from '@/components/graph/graph-nodes';
import { GraphSidePanel } from '@/components/graph/graph-side-panel';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import { buttonClass } from '@/components/ui/modal';
import { useGraph } from '@/lib/queries/images';
import { useUrlState, useUrlText } from '@/lib/url-state';

export function GraphView() {
  return (
    <ReactFlowProvider>
      <GraphCanvas />
    </ReactFlowProvider>
  );
}

function GraphCanvas() {
  // Layers on/off, intermediates, the repository filter and the last search are in the URL (`/graph?find=app:1.0&layers=1`).
  const url = useUrlState();
  const intermediates = url.params.get('all') === '1';
  const { data, error, isPending, refetch } = useGraph(intermediates);
  const showLayers = url.params.get('layers') === '1';
  const setShowLayers = (on: boolean) => url.set({ layers: on });
  const [repoFilter, setRepoFilter] = useUrlText('repo');
  const found = url.params.get('find') ?? '';
  const [search, setSearch] = useState(found);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const deferredFilter = useDeferredValue(repoFilter);
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);

  const graph = useMemo(
    () => (data ? buildGraph(data, { showLayers, repoFilter: deferredFilter }) : null),
    [data, showLayers, deferredFilter],
  );
  const nodes = useMemo(
    () => graph?.nodes.map((node) => (node.id === selectedId ? { ...node, selected: true } : node)) ?? [],
    [graph, selectedId],
  );
  const selected = nodes.find((node) => node.id === selectedId) ?? null;

  // A new arrangement (layers on/off, a filter) is shown whole, not wherever the old view pointed. A big
  // column layout is shown from its top at a readable zoom instead: fitting thousands of nodes would
  // shrink them to dots and render every one of them.
  useEffect(() => {
    if (!graph) return;
    const frame = requestAnimationFrame(() => {
      if (graph.kind === 'columns') void flow.setViewport({ x: 0, y: 0, zoom: 0.7 });
      else void flow.fitView({ duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
  }, [graph, flow]);

  const focus = (text: string) => {
    const needle = text.trim().toLowerCase();
    if (!needle || !graph) return;
    const match = graph.nodes.find((node) => searchText(node).includes(needle));
    setNotFound(!match);
    if (!match) return;
    setSelectedId(match.id);
    void flow.fitView({ nodes: [{ id: match.id }], duration: 300, maxZoom: 1.2 });
  };

  // A link or back/forward names a search: once the graph is drawn, select what it finds (state set
  // while rendering, as React advises) and let the effect move the view there.
  const [focusedFor, setFocusedFor] = useState<string | null>(null);
  const [fitTo, setFitTo] = useState<string | null>(null);
  if (graph && found && focusedFor !== found) {
    const needle = found.trim().toLowerCase();
    const match = graph.nodes.find((node) => searchText(node).includes(needle));
    setFocusedFor(found);
    setSearch(found);
    setNotFound(!match);
    setSelectedId(match?.id ?? null);
    setFitTo(match?.id ?? null);
  }
  useEffect(() => {
    if (!fitTo) return;
    // After the arrangement's own first view (one frame), or it would move the view away again.
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => void flow.fitView({ nodes: [{ id: fitTo }], duration: 300, maxZoom: 1.2 }));
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [fitTo, flow]);

  const exportAs = async (format: 'png' | 'svg') => {
    const element = wrapper.current?.querySelector<HTMLElement>('.react-flow');
    if (!element) return;
    // The current view as it is on screen, without the zoom controls.
    const options = {
      backgroundColor: '#ffffff',
      pixelRatio: 2,
      filter: (el: HTMLElement) => !el.classList?.contains('react-flow__controls'),
    };
    const url = format === 'png' ? await toPng(element, options) : await toSvg(element, options);
    const link = document.createElement('a');
    link.href = url;
    link.download = `strata-graph.${format}`;
    link.click();
  };

  return (
    <div className="space-y-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Tag graph</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Repositories hold tags; a tag is only a pointer to an image ID, and one ID can carry many tags. Turn on layers to see which images
          share them: a shared layer is one node that several stacks lead to, and it is stored once. Dashed amber images are dangling.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            url.set({ find: search.trim() });
            focus(search);
          }}
          className="flex items-center gap-2"
        >
          <input
            type="search"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setNotFound(false);
            }}
            placeholder="Find a tag or image ID"
            aria-label="Find in graph"
            className="w-56 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
          <button type="submit" className={buttonClass.quiet}>
            Find
          </button>
          {notFound && (
            <span role="status" className="text-xs text-red-700">
              Nothing matches.
            </span>
          )}
        </form>
        <input
          type="search"
          value={repoFilter}
          onChange={(event) => setRepoFilter(event.target.value)}
          placeholder="Only repositories containing…"
          aria-label="Filter by repository or registry"
          className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={showLayers}
            onChange={(event) => setShowLayers(event.target.checked)}
            className="accent-slate-900"
          />
          Show layers
        </label>
        <label
          className="flex items-center gap-2 text-sm"
          title="Also the untagged images a legacy build keeps for each step (docker image ls -a): each image then links to the step it was built on"
        >
          <input
            type="checkbox"
            checked={intermediates}
            onChange={(event) => url.set({ all: event.target.checked })}
            className="accent-slate-900"
          />
          Show intermediate images
        </label>
        <div className="ml-auto flex gap-2">
          <button type="button" className={buttonClass.quiet} onClick={() => void exportAs('png')}>
            Export PNG
          </button>
          <button type="button" className={buttonClass.quiet} onClick={() => void exportAs('svg')}>
            Export SVG
          </button>
        </div>
      </div>
      {isPending ? (
        <LoadingRows label="Loading graph" rows={4} />
      ) : error ? (
        <ErrorState error={error} action="load the graph" onRetry={() => void refetch()} />
      ) : nodes.length === 0 ? (
        <EmptyState title={data.images.length === 0 ? 'No images to draw' : 'No repository matches'}>
          <p>
            {data.images.length === 0
              ? 'Pull or build an image and it appears here, with its tags.'
              : 'Clear the repository filter to see everything.'}
          </p>
        </EmptyState>
      ) : (
        <>
          {graph?.kind === 'columns' && (
            <p className="text-xs text-slate-500">
              A big graph: tags are listed on their images and the graph is laid out in columns. Filter by repository to see each tag as its
              own node, fully arranged.
            </p>
          )}
          <div
            ref={wrapper}
            className="relative h-[calc(100vh-290px)] min-h-[420px] overflow-hidden rounded-lg border border-slate-200 bg-white"
            data-testid="graph"
          >
            <ReactFlow
              nodes={nodes}
              edges={graph?.edges as Edge[]}
              nodeTypes={nodeTypes}
              onNodeClick={(_, node) => setSelectedId(node.id)}
              onPaneClick={() => setSelectedId(null)}
              nodesDraggable={false}
              nodesConnectable={false}
              onlyRenderVisibleElements
              fitView={graph?.kind !== 'columns'}
              minZoom={0.05}
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={24} color="#e2e8f0" />
              <Controls showInteractive={false} />
            </ReactFlow>
            {data && <GraphSidePanel node={selected} data={data} onClose={() => setSelectedId(null)} />}
          </div>
        </>
      )}
    </div>
  );
}

function searchText(node: GraphNode): string {
  switch (node.data.kind) {
    case 'repo':
      return node.data.label.toLowerCase();
    case 'tag':
      return node.data.tag.toLowerCase();
    case 'image':
      return `${node.data.image.id} ${node.data.image.repoTags.join(' ')}`.toLowerCase();
    case 'layer':
      return `${node.data.layer.diffId} ${node.data.layer.id}`.toLowerCase();
    case 'platform':
      return `${node.data.label} ${node.data.platform.id}`.toLowerCase();
  }
}

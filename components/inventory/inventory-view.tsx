'use client';
// The inventory across hosts: where each image lives, whether a tag means the same thing everywhere,
// and a copy to an engine that lacks it.
import { useDeferredValue, useMemo, useState } from 'react';
import { InventoryDriftList } from '@/components/inventory/inventory-drift';
import { InventoryEngines } from '@/components/inventory/inventory-engines';
import { InventoryTable } from '@/components/inventory/inventory-table';
import { enginesOf, filterInventory, INVENTORY_SHOWS, type InventoryShow } from '@/components/inventory/inventory-model';
import { CopyDialog } from '@/components/transfer/copy-dialog';
import { SelectField, TextField } from '@/components/ui/fields';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import type { InventoryRow } from '@/lib/api/inventory';
import { useReadOnly } from '@/lib/queries/engine';
import { useInventory } from '@/lib/queries/inventory';
import { oneOf, useUrlState, useUrlText } from '@/lib/url-state';

const SHOW_LABELS: Record<InventoryShow, string> = { all: 'All images', several: 'On several engines', drift: 'In drift' };

export function InventoryView() {
  const { data, error, isPending, refetch } = useInventory();
  const url = useUrlState();
  const [text, setText] = useUrlText('q');
  const deferredText = useDeferredValue(text);
  const show = oneOf(url.params.get('show'), INVENTORY_SHOWS, 'all');
  const readOnly = useReadOnly();
  const [copying, setCopying] = useState<InventoryRow | null>(null);
  const reachable = useMemo(() => (data?.engines ?? []).filter((engine) => engine.reachable).length, [data]);
  const rows = useMemo(() => (data ? filterInventory(data.rows, data.drift, deferredText, show) : []), [data, deferredText, show]);

  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-xl font-semibold">Inventory</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Every image on every engine Strata knows, one row per image. Image IDs differ between the classic and the containerd store, so the
          same image is recognised by its layers and when its config was made, wherever it is.
        </p>
      </header>
      {isPending ? (
        <LoadingRows label="Loading the inventory" />
      ) : error ? (
        <ErrorState error={error} action="load the inventory" onRetry={() => void refetch()} />
      ) : (
        <>
          <InventoryEngines engines={data.engines} totals={data.totals} />
          <InventoryDriftList drift={data.drift} />
          <div className="flex flex-wrap items-center gap-3">
            <TextField
              id="inventory-filter"
              label="Filter"
              hiddenLabel
              value={text}
              onChange={setText}
              placeholder="Filter by tag, image ID or engine"
              className="w-80"
            />
            <SelectField
              id="inventory-show"
              label="Show"
              value={show}
              onChange={(value) => url.set({ show: value === 'all' ? null : value })}
              options={INVENTORY_SHOWS.map((value) => ({ value, label: SHOW_LABELS[value] }))}
            />
            <span className="text-sm text-slate-500">
              {rows.length} of {data.rows.length}
            </span>
          </div>
          {data.rows.length === 0 ? (
            <EmptyState title="No images on any engine">
              None of the engines that answered holds an image yet. Pull or build one, or check the engines above that did not answer.
            </EmptyState>
          ) : rows.length === 0 ? (
            <EmptyState title="Nothing matches">No image matches this filter. Clear it to see all {data.rows.length}.</EmptyState>
          ) : (
            <InventoryTable rows={rows} canCopy={(row) => !readOnly && enginesOf(row).length < reachable} onCopy={setCopying} />
          )}
          {copying && (
            <CopyDialog
              imageRef={copying.placements[0]!.tags[0] ?? copying.placements[0]!.imageId}
              from={copying.placements[0]!.engine}
              holders={enginesOf(copying)}
              open
              onClose={() => setCopying(null)}
            />
          )}
        </>
      )}
    </div>
  );
}

import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { InventoryResponse } from '@/lib/api/inventory';
import { imageKeys } from '@/lib/queries/images';

// Under the image keys: a change this tab hears about (an event, a copy, a delete) refreshes it too.
export const inventoryKey = [...imageKeys.all, 'inventory'] as const;

export const inventoryOptions = () =>
  queryOptions({
    queryKey: inventoryKey,
    queryFn: ({ signal }) => apiFetch<InventoryResponse>('/api/inventory', { signal }),
    staleTime: 10_000,
    // The other hosts send this tab no events: look again now and then.
    refetchInterval: 30_000,
  });

export const useInventory = () => useQuery(inventoryOptions());

'use client';
import { useState } from 'react';
import { useDebounced } from '@/lib/use-debounced';

/** A filter over server-side pages: typing goes back to page 1, and the server is asked once it settles. */
export function usePagedFilter() {
  const [filter, setFilterText] = useState('');
  const [page, setPage] = useState(1);
  const q = useDebounced(filter.trim());
  const setFilter = (value: string) => {
    setFilterText(value);
    setPage(1);
  };
  return { filter, setFilter, page, setPage, q };
}

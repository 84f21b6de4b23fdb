import type { Metadata } from 'next';
import { HubSearchView } from '@/components/hub/hub-search-view';

export const metadata: Metadata = { title: 'Docker Hub' };

export default function HubPage() {
  return <HubSearchView />;
}

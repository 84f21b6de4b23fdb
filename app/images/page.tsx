import type { Metadata } from 'next';
import { ImagesView } from '@/components/images/images-view';
import { parseQuickFilter } from '@/components/images/image-table-model';

export const metadata: Metadata = { title: 'Images' };

type Props = { searchParams: Promise<{ show?: string | string[] }> };

export default async function ImagesPage({ searchParams }: Props) {
  const { show } = await searchParams;
  return <ImagesView initialQuick={parseQuickFilter(show)} />;
}

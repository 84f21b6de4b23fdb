import type { Metadata } from 'next';
import { CompareView } from '@/components/compare/compare-view';

export const metadata: Metadata = { title: 'Compare images' };

type Props = { searchParams: Promise<{ a?: string | string[]; b?: string | string[] }> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function ComparePage({ searchParams }: Props) {
  const { a, b } = await searchParams;
  return <CompareView a={first(a)} b={first(b)} />;
}

import type { Metadata } from 'next';
import { RepositoryListView } from '@/components/registries/repository-list-view';
import { pageParam } from '@/lib/page-param';

type Props = { params: Promise<{ server: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pageParam((await params).server).slice(0, 60) };
}

export default async function RegistryPage({ params }: Props) {
  return <RepositoryListView server={pageParam((await params).server)} />;
}

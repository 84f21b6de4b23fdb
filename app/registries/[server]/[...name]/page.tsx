import type { Metadata } from 'next';
import { RepositoryView } from '@/components/registries/repository-view';
import { pageParam } from '@/lib/page-param';

type Props = { params: Promise<{ server: string; name: string[] }> };

const repositoryOf = (name: string[]) => name.map(pageParam).join('/');

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: repositoryOf((await params).name).slice(0, 60) };
}

export default async function RegistryRepositoryPage({ params }: Props) {
  const { server, name } = await params;
  return <RepositoryView server={pageParam(server)} repository={repositoryOf(name)} />;
}

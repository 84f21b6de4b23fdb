import type { Metadata } from 'next';
import { HubRepoView } from '@/components/hub/hub-repo-view';

type Props = { params: Promise<{ namespace: string; repo: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { namespace, repo } = await params;
  return { title: namespace === 'library' ? repo : `${namespace}/${repo}` };
}

export default async function HubRepoPage({ params }: Props) {
  const { namespace, repo } = await params;
  return <HubRepoView namespace={namespace} repo={repo} />;
}

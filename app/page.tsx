import { OverviewView } from '@/components/overview/overview-view';

export default function HomePage() {
  return <OverviewView />;
}

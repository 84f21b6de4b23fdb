import type { Metadata } from 'next';
import { ReportView } from '@/components/retention/report-view';
import { pageParam } from '@/lib/page-param';

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Cleanup report' };

export default async function ReportPage({ params }: Props) {
  return <ReportView id={pageParam((await params).id)} />;
}

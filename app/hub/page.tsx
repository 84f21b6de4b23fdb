import type { Metadata } from 'next';
import { ComingSoon } from '@/components/layout/coming-soon';

export const metadata: Metadata = { title: 'Docker Hub' };

export default function HubPage() {
  return (
    <ComingSoon title="Docker Hub">
      <p>This page will search Docker Hub, show the trust signals (Official Image, Verified Publisher, stars, pulls) and pull with live progress.</p>
    </ComingSoon>
  );
}

// Runs once when the server starts. Warms the per-image layer cache in the background, so the first
// person to open /images on an engine with thousands of images does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // The benchmark turns this off to measure a truly cold first request.
  if (process.env.STRATA_WARM_ON_START === '0') return;
  const { warmCaches } = await import('@/lib/docker/warm');
  void warmCaches();
}

// Runs once when the server starts. First refuses to start where other machines could reach Strata
// without a token (lib/security/startup.ts); then puts the socket guard on the HTTP server (the peer
// address and request time limits, lib/security/socket-guard.ts); starts the retention scheduler; then warms the per-image layer cache in the background, so
// the first person to open /images on an engine with thousands of images does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startupProblem } = await import('@/lib/security/startup');
  const problem = startupProblem(process.argv, process.env);
  if (problem) {
    console.error(`[strata] ${problem}`);
    process.exit(1);
  }
  const { installSocketGuard } = await import('@/lib/security/socket-guard');
  installSocketGuard();
  // Retention schedules: the windows missed while Strata was down run once, then each at its time.
  const { startScheduler } = await import('@/lib/docker/retention/scheduler');
  startScheduler();
  // The benchmark turns this off to measure a truly cold first request.
  if (process.env.STRATA_WARM_ON_START === '0') return;
  const { warmCaches } = await import('@/lib/docker/engine/warm');
  void warmCaches();
}

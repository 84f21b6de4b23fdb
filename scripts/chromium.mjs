// How every browser Strata's tools start is launched: the e2e specs (playwright.config.ts), the
// screenshots and the benchmarks. Debian's Chromium, since Playwright cannot download one here, and no
// traffic of its own (updates, sync, QUIC probes): nothing may leave the machine but loopback.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

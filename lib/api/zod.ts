// zod, configured once for every schema in Strata, browser and server alike. zod 4 compiles a fast object
// parser with `new Function` and first probes whether eval is allowed; under the page's
// Content-Security-Policy (no 'unsafe-eval') that probe is reported as a violation on every page that
// builds a schema. `jitless` skips both the probe and the compiled path. Importing `z` from here, never
// from 'zod' (the linter keeps that), means the setting is in place before the first schema is made.
import { z } from 'zod';

z.config({ jitless: true });

export { z };

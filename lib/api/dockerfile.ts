// The Dockerfile advisor's request and answer (issue 8). Shared by the lint route and the /build editor,
// which may also run lib/dockerfile in the browser: nothing here may import server-only code.
import { z } from '@/lib/api/zod';

/** Every rule the advisor knows; docs/dockerfile-advisor.md says why each exists. */
export const dockerfileRuleIds = [
  'cache-order',
  'apt-update-separate',
  'apt-lists-kept',
  'apt-no-yes',
  'unpinned-base',
  'multiple-cmd',
  'multiple-entrypoint',
  'multiple-healthcheck',
  'deleted-later',
  'add-instead-of-copy',
  'add-url',
  'run-cd',
  'log-to-file',
  'pid1-no-init',
  'npm-start',
  'last-user-root',
  'pipefail',
  'json-form',
  'unknown-instruction',
  'missing-from',
] as const;

export type DockerfileRuleId = (typeof dockerfileRuleIds)[number];

/** error: the build fails or the image is broken; warning: slower, bigger or fragile; info: worth knowing. */
export const findingSeveritySchema = z.enum(['error', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

export const dockerfileFindingSchema = z.object({
  rule: z.enum(dockerfileRuleIds),
  /** 1-based line where the instruction starts. */
  line: z.number().int().min(1),
  /** 1-based last line of the instruction (continuations and heredocs included), for editor ranges. */
  endLine: z.number().int().min(1),
  severity: findingSeveritySchema,
  /** One line: why it matters. */
  message: z.string(),
  /** One line: what to write instead. */
  fix: z.string(),
});
export type DockerfileFinding = z.infer<typeof dockerfileFindingSchema>;

/** Findings sorted by line. */
export const lintDockerfileResponse = z.object({ findings: z.array(dockerfileFindingSchema) });
export type LintDockerfileResponse = z.infer<typeof lintDockerfileResponse>;

// readJson already caps the whole body at 64 KiB; the cap here keeps direct callers honest too.
export const MAX_DOCKERFILE_CHARS = 64 * 1024;

export const lintDockerfileBody = z.object({
  dockerfile: z
    .string({ error: 'Send the Dockerfile as text: { "dockerfile": "FROM …" }.' })
    .max(MAX_DOCKERFILE_CHARS, 'The Dockerfile is too large to check (64 KiB at most).'),
  /** The stage being built (`--target`); by default the last one. Decides which stages ship. */
  target: z.string().trim().max(128).optional(),
});
export type LintDockerfileBody = z.infer<typeof lintDockerfileBody>;

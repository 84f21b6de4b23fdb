// Build, save, load and import: the shapes both sides share, and the schemas for their options.
// Upload bodies are not JSON (multipart for a build, a raw tar for load and import), so their options
// travel as a JSON form field (build) or as query parameters (import), validated here.
import { z } from '@/lib/api/zod';
import { imageRefParam, tagRef } from '@/lib/api/references';
import type { ErrorLine } from '@/lib/api/errors';

/** The file name a saved archive gets: `team_app_1.tar`, or `3-images.tar`. */
export function archiveFilename(names: string[]): string {
  const base = names.length === 1 ? (names[0] ?? 'image') : `${names.length}-images`;
  return `${base
    .replace(/^sha256:/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 120)}.tar`;
}

/**
 * Config changes `docker import --change` accepts that make sense for a new base image: exactly one
 * instruction per value. The engine parses each value as Dockerfile text, so a line break (or any
 * control character) would smuggle in more instructions (`CMD x` + newline + `ONBUILD RUN …`).
 */
export const IMPORT_CHANGE =
  /^(CMD|ENTRYPOINT|ENV|WORKDIR|EXPOSE|USER|LABEL|STOPSIGNAL|VOLUME)[ \t]+[^\p{Cc}\p{Zl}\p{Zp}\s](?:\t|[^\p{Cc}\p{Zl}\p{Zp}])*$/iu;

/** The engine's two builders: BuildKit (`POST /build?version=2`) and the classic one (`version=1`). */
export const BUILDERS = ['buildkit', 'classic'] as const;
export type BuilderKind = (typeof BUILDERS)[number];

/** One step of a build, as the page shows it. */
export interface BuildStep {
  /** 1-based over the Dockerfile: the classic builder's `Step 3/7`; with BuildKit, every stage's steps in file order. */
  number: number;
  total: number;
  /** BuildKit's stage (`base`, `stage-1`); null with the classic builder or a single-stage Dockerfile. */
  stage: string | null;
  /** `COPY app.txt /app/`, as the builder echoes it (build args already expanded by the engine). */
  instruction: string;
  /**
   * `base`: FROM, nothing built; `cached`: from the build cache; `built`: run or copied now; `waiting`:
   * BuildKit has it in its plan, not started; `skipped`: its stage is not needed for the target; `not-run`:
   * the build stopped (a failure, a cancel) before it.
   */
  status: 'waiting' | 'running' | 'base' | 'cached' | 'built' | 'failed' | 'skipped' | 'not-run';
  /** Milliseconds from this step's start to the next one's (classic), or as BuildKit timed it. */
  durationMs: number | null;
  /** When the engine said the step ended (BuildKit's clock, ms since the epoch); null with the classic builder. */
  endedAt: number | null;
  /** The image this step produced (short ID as the builder prints it, then the full one when known). */
  imageId: string | null;
  /** Bytes of the filesystem layer the step made; null while unknown, 0 with `emptyLayer` for metadata. */
  layerSize: number | null;
  emptyLayer: boolean | null;
  /** What the step printed (RUN output), capped. */
  output: string[];
  /** Why it missed the cache, for the first step that did and those after it. */
  cacheReason: string | null;
}

/** BuildKit's own work around the steps: loading the context, resolving a base, exporting the image. */
export interface BuildInternalStep {
  id: string;
  name: string;
  status: 'running' | 'done' | 'cached' | 'failed';
  durationMs: number | null;
}

export interface BuildSummary {
  builder: string;
  builderKind: BuilderKind;
  /** Said when the build ran with no network (an engine with no bridge network). */
  networkNote: string | null;
  imageId: string | null;
  tags: string[];
  steps: number;
  cached: number;
  built: number;
  /** Steps of stages the target does not need (BuildKit). */
  skipped: number;
  /** The first step that missed the cache, and why; null when everything came from the cache. */
  cacheBreak: { step: number; instruction: string; reason: string; rebuilt: number[] } | null;
  contextBytes: number;
  contextFiles: number;
  ignoredFiles: number;
  durationMs: number;
}

export type BuildEvent =
  | { kind: 'context'; bytes: number; files: number; ignored: number; builder: string }
  | { kind: 'step'; step: BuildStep }
  | { kind: 'internal'; internal: BuildInternalStep }
  | { kind: 'output'; step: number; line: string }
  | { kind: 'done'; summary: BuildSummary }
  | (ErrorLine & { step: number | null });

/** The `options` field of a build request. */
export const buildOptions = z
  .object({
    tags: z.array(tagRef).max(20, 'At most 20 tags per build.').default([]),
    buildArgs: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A build argument is NAME=value; the name is letters, digits and _.'),
        z.string().max(4096, 'A build argument value may be 4 KiB at most.'),
      )
      .default({}),
    target: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'A target is the name of a build stage (FROM … AS name).')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    noCache: z.boolean().default(false),
    /** Which builder; absent: the engine's default (BuildKit where the engine says so, as the CLI does). */
    builder: z.enum(BUILDERS, 'The builder is buildkit or classic.').optional(),
    /** Where the Dockerfile sits in the context; the editor's text replaces it. */
    dockerfilePath: z
      .string()
      .trim()
      .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w./ -]{1,255}$/, 'The Dockerfile path must be relative, inside the context.')
      .default('Dockerfile'),
  })
  .strict();

export type BuildOptions = z.infer<typeof buildOptions>;

/** `POST /api/images/load` streams these; `loaded` holds `name:tag`, or `sha256:…` for untagged images. */
export type LoadEvent =
  | { kind: 'progress'; id: string; status: string; current: number; total: number }
  | { kind: 'output'; line: string }
  | { kind: 'done'; loaded: string[] }
  | ErrorLine;

export interface ImportResult {
  id: string;
  tags: string[];
}

export const importQuery = z
  .object({
    tag: z.union([tagRef, z.literal('').transform(() => undefined)]).optional(),
    message: z.string().max(500, 'The commit message may be 500 characters at most.').optional(),
    change: z
      .array(
        z
          .string()
          .trim()
          .regex(
            IMPORT_CHANGE,
            'A change is one Dockerfile instruction on one line: CMD, ENTRYPOINT, ENV, WORKDIR, EXPOSE, USER, LABEL, STOPSIGNAL or VOLUME.',
          )
          .max(4096),
      )
      .max(50)
      .default([]),
  })
  .strict();

/** `GET /api/images/export?ref=a&ref=b`: one or several images in one archive. */
export const exportQuery = z.object({
  ref: z.array(imageRefParam).min(1, 'Say which images to save: ?ref=…').max(200),
});

// What one builder's run hands back to the build (lib/docker/build/builder.ts), which then says why the
// cache broke, remembers the build and sums it up the same way for both builders.
import type { BuildEvent, BuildOptions, BuildStep } from '@/lib/api/build';
import type { BuildRecord } from '@/lib/docker/build/cache-report';
import type { PackedContext } from '@/lib/docker/build/context';

export interface BuilderRun {
  steps: BuildStep[];
  /** The built image's ID (classic: as the builder printed it, maybe short). */
  finalId: string | null;
  tags: string[];
  failure: string | null;
  /** The steps as the record keeps them, in `number` order. */
  record: Pick<BuildRecord, 'steps' | 'bases'>;
}

export interface BuilderInput {
  context: PackedContext;
  options: BuildOptions;
  /** Familiar names (`team/app:1.0`). */
  tags: string[];
  /** The Dockerfile's text (BuildKit plans its steps from it). */
  dockerfile: string;
  /** Build with no network (the engine has no bridge network). */
  noNetwork: boolean;
  signal: AbortSignal;
}

export type BuilderRunner = (input: BuilderInput) => AsyncGenerator<BuildEvent, BuilderRun | null>;

'use client';
// /build: write or load a Dockerfile, choose what the build can see, build with the engine, and watch
// each step come from the cache or be built — with the reason the cache broke.
import { useState } from 'react';
import type { BuilderKind } from '@/lib/api/build';
import { AdvisorList } from '@/components/build/advisor-list';
import { BuildOptionsForm, parseBuildArgs, splitTags, tagProblems, type BuildOptionValues } from '@/components/build/build-options';
import { BuildInternalSteps } from '@/components/build/build-internal-steps';
import { BuildSteps } from '@/components/build/build-steps';
import { BuildSummaryCard } from '@/components/build/build-summary';
import { ContextPicker, type BuildContext } from '@/components/build/context-picker';
import { DockerfileEditor } from '@/components/build/dockerfile-editor';
import { buttonClass } from '@/components/ui/modal';
import { useBuild } from '@/lib/queries/build';
import { useDockerfileLint } from '@/lib/queries/dockerfile';
import { useImageList } from '@/lib/queries/images';
import { useEngineInfo, useReadOnly } from '@/lib/queries/engine';

/** A first Dockerfile that builds offline: FROM the smallest tagged image here (usually a base image). */
export function starterDockerfile(base: string): string {
  return `# Each instruction is a step. A rebuild reuses cached steps up to the first
# one whose input changed, so steps that change rarely go first.
FROM ${base}
WORKDIR /app
COPY . .
CMD ["sh"]
`;
}

function smallestTag(images: { repoTags: string[]; size: number }[] | undefined): string | null {
  const tagged = (images ?? []).filter((image) => image.repoTags.length > 0).sort((a, b) => a.size - b.size);
  return tagged[0]?.repoTags[0] ?? null;
}

function builderHint(kind: BuilderKind | undefined): string {
  if (kind === 'buildkit') return 'Runs on the engine with BuildKit: steps of stages the target does not need are skipped.';
  if (kind === 'classic') return 'Runs on the engine with its classic builder.';
  return 'Runs on the engine.';
}

export function BuildView() {
  const readOnly = useReadOnly();
  const images = useImageList();
  const [edited, setEdited] = useState<string | null>(null);
  const dockerfile = edited ?? starterDockerfile(smallestTag(images.data?.images) ?? 'busybox:1.36');
  const setDockerfile = setEdited;
  const [context, setContext] = useState<BuildContext>({ kind: 'none' });
  const [options, setOptions] = useState<BuildOptionValues>({ tags: '', buildArgs: '', target: '', noCache: false, builder: '' });
  const builders = useEngineInfo().data?.builders;
  const [focusLine, setFocusLine] = useState<{ line: number; nonce: number } | null>(null);
  const { findings, checking } = useDockerfileLint(dockerfile, options.target.trim());
  const { state, start, cancel } = useBuild();

  const args = parseBuildArgs(options.buildArgs);
  const invalid = tagProblems(options.tags) ?? (args.ok ? null : args.message) ?? (dockerfile.trim() ? null : 'Write a Dockerfile first.');

  const submit = () => {
    if (invalid || !args.ok) return;
    const form = new FormData();
    form.append('dockerfile', dockerfile);
    form.append(
      'options',
      JSON.stringify({
        tags: splitTags(options.tags),
        buildArgs: args.args,
        target: options.target.trim(),
        noCache: options.noCache,
        ...(options.builder ? { builder: options.builder } : {}),
      }),
    );
    if (context.kind === 'tar') form.append('context', context.file, context.file.name);
    if (context.kind === 'folder') for (const entry of context.files) form.append('files', entry.file, entry.path);
    void start(form);
  };

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Build an image</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          A Dockerfile is a recipe, read top to bottom. Each step is cached; a rebuild reuses every step up to the first one whose
          instruction or files changed, and rebuilds everything after it. Strata shows which steps came from the cache, where it broke, and
          why.
        </p>
      </header>
      {readOnly && (
        <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
          Strata runs read-only here (STRATA_READ_ONLY=1): you can write and check a Dockerfile, but not build.
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <DockerfileEditor value={dockerfile} onChange={setDockerfile} target={options.target.trim()} focusLine={focusLine} />
          <AdvisorList
            findings={findings}
            checking={checking}
            onShowLine={(line) => setFocusLine((current) => ({ line, nonce: (current?.nonce ?? 0) + 1 }))}
          />
        </div>
        <div className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
          <ContextPicker
            context={context}
            onChange={(next, text) => {
              setContext(next);
              if (text !== undefined) setDockerfile(text);
            }}
          />
          <BuildOptionsForm values={options} onChange={setOptions} builders={builders} />
          <div className="flex items-center gap-3 border-t border-slate-100 pt-4">
            {state.running ? (
              <button type="button" onClick={cancel} className={buttonClass.danger}>
                Cancel build
              </button>
            ) : (
              <button type="button" onClick={submit} disabled={readOnly || invalid !== null} className={buttonClass.primary}>
                Build
              </button>
            )}
            <p className="text-xs text-slate-500">
              {state.running
                ? `Building with ${state.builder ?? 'the engine'}…`
                : (invalid ?? builderHint(options.builder || builders?.default))}
            </p>
          </div>
        </div>
      </div>

      <section aria-labelledby="build-output-heading" className="space-y-3">
        <h2 id="build-output-heading" className="sr-only">
          Build output
        </h2>
        {state.error && (
          <div role="alert" data-code={state.error.code} className="rounded-lg border border-red-200 bg-white p-4 text-sm">
            <p className="font-semibold text-red-800">
              {state.error.step ? `The build failed at step ${state.error.step}` : 'The build could not run'}
            </p>
            <p className="mt-1 whitespace-pre-wrap text-slate-700">{state.error.message}</p>
          </div>
        )}
        {state.cancelled && (
          <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
            Build cancelled: the engine stopped it and kept no new image.
          </p>
        )}
        {state.summary && !state.error && <BuildSummaryCard summary={state.summary} />}
        <BuildSteps steps={state.steps} output={state.output} />
        <BuildInternalSteps steps={state.internal} />
        {!state.running && state.steps.length === 0 && !state.error && (
          <p className="text-sm text-slate-500">
            Steps appear here as the engine runs them: from cache, built, or failed, with their time and the layer each made.
          </p>
        )}
      </section>
    </div>
  );
}

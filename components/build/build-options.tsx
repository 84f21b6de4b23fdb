'use client';
// Tags, build arguments, target stage, the no-cache switch and the builder, each checked as it is typed.
import type { BuilderKind } from '@/lib/api/build';
import type { EngineInfo } from '@/lib/api/engine';
import { parseReference } from '@/lib/reference';

export interface BuildOptionValues {
  tags: string;
  buildArgs: string;
  target: string;
  noCache: boolean;
  /** '' is the engine's default. */
  builder: '' | BuilderKind;
}

export interface BuildOptionsFormProps {
  values: BuildOptionValues;
  onChange: (values: BuildOptionValues) => void;
  /** The engine's builders; the choice shows once they are known and there are two. */
  builders?: EngineInfo['builders'];
}

const BUILDER_NAMES: Record<BuilderKind, string> = { buildkit: 'BuildKit', classic: 'Classic builder' };

export function splitTags(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** `NAME=value` per line; blank lines and `#` comments skipped. Returns the args or the first bad line. */
export function parseBuildArgs(text: string): { ok: true; args: Record<string, string> } | { ok: false; message: string } {
  const args: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const name = eq >= 0 ? line.slice(0, eq).trim() : line;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { ok: false, message: `“${line}” is not NAME=value.` };
    args[name] = eq >= 0 ? line.slice(eq + 1) : '';
  }
  return { ok: true, args };
}

export function tagProblems(text: string): string | null {
  for (const tag of splitTags(text)) {
    const parsed = parseReference(tag);
    if (!parsed.ok) return parsed.message;
    if (parsed.ref.digest) return `“${tag}” names a digest; a tag is name:tag.`;
  }
  return null;
}

const input = 'w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm';

export function BuildOptionsForm({ values, onChange, builders }: BuildOptionsFormProps) {
  const tagError = tagProblems(values.tags);
  const args = parseBuildArgs(values.buildArgs);
  return (
    <div className="space-y-3 text-sm">
      <div>
        <label htmlFor="build-tags" className="font-medium text-slate-800">
          Tags
        </label>
        <input
          id="build-tags"
          value={values.tags}
          onChange={(event) => onChange({ ...values, tags: event.target.value })}
          placeholder="team/app:dev"
          className={`${input} mt-1`}
        />
        {tagError ? (
          <p className="mt-1 text-xs text-red-700">{tagError}</p>
        ) : (
          <p className="mt-1 text-xs text-slate-500">Several? Separate them with spaces. No tag leaves the image dangling.</p>
        )}
      </div>
      <div>
        <label htmlFor="build-args" className="font-medium text-slate-800">
          Build arguments
        </label>
        <textarea
          id="build-args"
          rows={2}
          value={values.buildArgs}
          onChange={(event) => onChange({ ...values, buildArgs: event.target.value })}
          placeholder="VERSION=1.2.3"
          className={`${input} mt-1`}
        />
        {!args.ok && <p className="mt-1 text-xs text-red-700">{args.message}</p>}
      </div>
      <div className="flex items-end gap-4">
        <div className="flex-1">
          <label htmlFor="build-target" className="font-medium text-slate-800">
            Target stage
          </label>
          <input
            id="build-target"
            value={values.target}
            onChange={(event) => onChange({ ...values, target: event.target.value })}
            placeholder="the last stage"
            className={`${input} mt-1`}
          />
        </div>
        <label className="flex items-center gap-2 pb-1.5 text-slate-700">
          <input type="checkbox" checked={values.noCache} onChange={(event) => onChange({ ...values, noCache: event.target.checked })} />
          No cache
        </label>
      </div>
      {builders && builders.available.length > 1 && (
        <div>
          <label htmlFor="build-builder" className="font-medium text-slate-800">
            Builder
          </label>
          <select
            id="build-builder"
            value={values.builder}
            onChange={(event) => onChange({ ...values, builder: event.target.value as BuildOptionValues['builder'] })}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">Engine default ({BUILDER_NAMES[builders.default]})</option>
            {builders.available.map((kind) => (
              <option key={kind} value={kind}>
                {BUILDER_NAMES[kind]}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

'use client';
import { useState } from 'react';
import type { RetentionRule, RuleDraftInput } from '@/lib/api/retention';
import { StrataError } from '@/lib/api/errors';
import { RulePreviewList } from '@/components/retention/rule-preview';
import { buttonClass } from '@/components/ui/modal';
import { formatBytes } from '@/lib/format';
import { parseByteSize } from '@/lib/retention/describe';
import { useEngines } from '@/lib/queries/engines';
import { useRulePreview, useSaveRule } from '@/lib/queries/retention';

export interface RuleFormProps {
  /** The rule being edited, or null for a new one. */
  rule: RetentionRule | null;
  onDone: () => void;
}

interface FormState {
  name: string;
  engines: string[];
  images: 'dangling' | 'unused';
  keepCount: string;
  keepBy: 'created' | 'tagged';
  olderThan: string;
  repositories: string;
  budget: string;
  buildCacheOlderThan: string;
  every: 'off' | 'hourly' | 'daily';
  at: string;
}

const fromRule = (rule: RetentionRule | null, engine: string | null): FormState => ({
  name: rule?.name ?? '',
  engines: rule?.engines ?? (engine ? [engine] : []),
  images: rule?.images ?? 'unused',
  keepCount: rule?.keepNewest ? String(rule.keepNewest.count) : '',
  keepBy: rule?.keepNewest?.by ?? 'created',
  olderThan: rule?.olderThan ?? '',
  repositories: rule?.repositories ?? '',
  budget: rule?.budgetBytes ? formatBytes(rule.budgetBytes) : '',
  buildCacheOlderThan: rule?.buildCacheOlderThan ?? '',
  every: rule?.schedule.every ?? 'off',
  at: rule?.schedule.at ?? '03:00',
});

/** The draft the server checks; what it cannot read it refuses with a reason, shown under the form. */
function draftOf(form: FormState): RuleDraftInput | string {
  const count = form.keepCount.trim();
  if (count && !/^\d+$/.test(count)) return 'Keep the newest: give a whole number, or leave it empty.';
  const budget = form.budget.trim();
  const budgetBytes = budget ? parseByteSize(budget) : null;
  if (budget && budgetBytes === null) return 'Byte budget: give a size like 20 GB or 500 MB, or leave it empty.';
  return {
    name: form.name,
    engines: form.engines,
    images: form.images,
    keepNewest: count ? { count: Number(count), by: form.keepBy } : null,
    olderThan: form.olderThan.trim() || null,
    repositories: form.repositories.trim() || null,
    budgetBytes,
    buildCacheOlderThan: form.buildCacheOlderThan.trim() || null,
    schedule: { every: form.every, at: form.at },
  };
}

const input = 'mt-1 block rounded-md border border-slate-300 px-2 py-1';

export function RuleForm({ rule, onDone }: RuleFormProps) {
  const engines = useEngines();
  const current = engines.data?.engines.find((engine) => engine.current)?.name ?? null;
  const [form, setForm] = useState<FormState>(() => fromRule(rule, current));
  const preview = useRulePreview();
  // A change makes the preview on screen stale: saving needs a preview of what is saved.
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((old) => ({ ...old, [key]: value }));
    preview.reset();
  };
  const save = useSaveRule();
  const draft = draftOf({ ...form, engines: form.engines.length ? form.engines : current ? [current] : [] });
  const problem = typeof draft === 'string' ? draft : null;
  const serverError = (preview.error ?? save.error) as StrataError | null;
  const engineNames = engines.data?.engines.map((engine) => engine.name) ?? (current ? [current] : []);
  return (
    <form
      aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}
      className="mt-4 space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        if (typeof draft !== 'string') save.mutate({ id: rule?.id ?? null, draft }, { onSuccess: onDone });
      }}
    >
      <div className="flex flex-wrap gap-4">
        <label className="block">
          <span className="text-slate-600">Name</span>
          <input
            value={form.name}
            onChange={(event) => set('name', event.target.value)}
            placeholder="nightly"
            className={`${input} w-56`}
          />
        </label>
        <fieldset>
          <legend className="text-slate-600">Images it may delete</legend>
          <div className="mt-1 flex gap-3">
            {(['dangling', 'unused'] as const).map((value) => (
              <label key={value} className="flex items-center gap-1">
                <input type="radio" name="images" checked={form.images === value} onChange={() => set('images', value)} />
                {value === 'dangling' ? 'Only dangling (no tag)' : 'Also unused tagged images'}
              </label>
            ))}
          </div>
        </fieldset>
        {engineNames.length > 1 && (
          <fieldset>
            <legend className="text-slate-600">Engines</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {engineNames.map((name) => (
                <label key={name} className="flex items-center gap-1 font-mono text-xs">
                  <input
                    type="checkbox"
                    checked={form.engines.includes(name)}
                    onChange={(event) =>
                      set('engines', event.target.checked ? [...form.engines, name] : form.engines.filter((other) => other !== name))
                    }
                  />
                  {name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
      </div>
      <div className="flex flex-wrap items-start gap-4">
        <label className="block">
          <span className="text-slate-600">Keep the newest, per repository</span>
          <span className="flex gap-2">
            <input
              value={form.keepCount}
              onChange={(event) => set('keepCount', event.target.value)}
              placeholder="e.g. 3"
              className={`${input} w-20`}
            />
            <select
              aria-label="Newest by"
              value={form.keepBy}
              onChange={(event) => set('keepBy', event.target.value as FormState['keepBy'])}
              className={input}
            >
              <option value="created">by build time</option>
              <option value="tagged">by last tag time</option>
            </select>
          </span>
        </label>
        <label className="block">
          <span className="text-slate-600">Only older than</span>
          <input
            value={form.olderThan}
            onChange={(event) => set('olderThan', event.target.value)}
            placeholder="e.g. 7d, 12h"
            className={`${input} w-28`}
          />
        </label>
        <label className="block">
          <span className="text-slate-600">Only repositories matching</span>
          <input
            value={form.repositories}
            onChange={(event) => set('repositories', event.target.value)}
            placeholder="e.g. ci/*"
            className={`${input} w-40 font-mono`}
          />
        </label>
        <label className="block">
          <span className="text-slate-600">Until images take under</span>
          <input
            value={form.budget}
            onChange={(event) => set('budget', event.target.value)}
            placeholder="e.g. 20 GB"
            className={`${input} w-28`}
          />
        </label>
        <label className="block">
          <span className="text-slate-600">Build cache unused for</span>
          <input
            value={form.buildCacheOlderThan}
            onChange={(event) => set('buildCacheOlderThan', event.target.value)}
            placeholder="e.g. 7d"
            className={`${input} w-28`}
          />
        </label>
        <label className="block">
          <span className="text-slate-600">Runs</span>
          <span className="flex gap-2">
            <select
              aria-label="Runs"
              value={form.every}
              onChange={(event) => set('every', event.target.value as FormState['every'])}
              className={input}
            >
              <option value="off">only by hand</option>
              <option value="hourly">every hour</option>
              <option value="daily">every day</option>
            </select>
            {form.every !== 'off' && (
              <input type="time" aria-label="At" value={form.at} onChange={(event) => set('at', event.target.value)} className={input} />
            )}
          </span>
        </label>
      </div>
      <p className="text-xs text-slate-500">
        Every filter you fill in must hold for an image to go. Images labelled <code className="font-mono">strata.keep=true</code> and
        images a container was created from always stay. Saving records the preview: a run that would delete over twice as many images or
        bytes waits for you to confirm.
      </p>
      {(problem || serverError) && (
        <p role="alert" className="text-red-700">
          {problem ?? (serverError instanceof StrataError ? serverError.message : 'The server did not answer.')}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass.quiet}
          disabled={Boolean(problem) || preview.isPending}
          onClick={() => typeof draft !== 'string' && preview.mutate(draft)}
        >
          {preview.isPending ? 'Working out the preview…' : 'Preview'}
        </button>
        <button type="submit" className={buttonClass.primary} disabled={Boolean(problem) || save.isPending || !preview.data}>
          {save.isPending ? 'Saving…' : rule ? 'Save changes' : 'Save rule'}
        </button>
        <button type="button" className={buttonClass.quiet} onClick={onDone}>
          Cancel
        </button>
        {!preview.data && <span className="self-center text-xs text-slate-500">Preview first: you save what you have seen.</span>}
      </div>
      {preview.data && <RulePreviewList previews={preview.data} />}
    </form>
  );
}

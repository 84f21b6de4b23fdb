// The Dockerfile advisor: every rule over one parse, findings in reading order. Pure and synchronous,
// so the /build editor can run it in the browser on each change as well as behind the lint route.
import type { DockerfileFinding } from '@/lib/api/dockerfile';
import { buildModel, type ModelOptions } from '@/lib/dockerfile/model';
import { addInsteadOfCopy, addUrl } from '@/lib/dockerfile/rules/add';
import { aptListsKept, aptNoYes, aptUpdateSeparate } from '@/lib/dockerfile/rules/apt';
import { unpinnedBase } from '@/lib/dockerfile/rules/base-image';
import { cacheOrder } from '@/lib/dockerfile/rules/cache-order';
import { deletedLater } from '@/lib/dockerfile/rules/deleted-later';
import { jsonForm } from '@/lib/dockerfile/rules/json-form';
import { lastUserRoot } from '@/lib/dockerfile/rules/last-user-root';
import { logToFile } from '@/lib/dockerfile/rules/log-to-file';
import { onlyLastCounts } from '@/lib/dockerfile/rules/only-last-counts';
import { npmStart, pid1NoInit } from '@/lib/dockerfile/rules/pid1';
import { pipefail } from '@/lib/dockerfile/rules/pipefail';
import type { Rule } from '@/lib/dockerfile/rules/rule';
import { runCd } from '@/lib/dockerfile/rules/run-cd';
import { missingFrom, unknownInstruction } from '@/lib/dockerfile/rules/syntax';

const RULES: Rule[] = [
  unknownInstruction,
  missingFrom,
  cacheOrder,
  aptUpdateSeparate,
  aptListsKept,
  aptNoYes,
  unpinnedBase,
  onlyLastCounts,
  deletedLater,
  addInsteadOfCopy,
  addUrl,
  runCd,
  logToFile,
  pid1NoInit,
  npmStart,
  lastUserRoot,
  pipefail,
  jsonForm,
];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export type LintOptions = ModelOptions;

/** Findings sorted by line, then the most severe first. Never throws on a half-written file. */
export function lintDockerfile(text: string, options: LintOptions = {}): DockerfileFinding[] {
  const model = buildModel(text, options);
  return RULES.flatMap((rule) => rule(model)).sort(
    (a, b) => a.line - b.line || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule),
  );
}

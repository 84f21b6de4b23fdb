// What every rule is: a function from the Dockerfile's stages to findings, each pinned to the line
// where an instruction starts so the editor can underline it.
import type { DockerfileFinding, DockerfileRuleId, FindingSeverity } from '@/lib/api/dockerfile';
import type { DockerfileModel } from '@/lib/dockerfile/model';
import type { Instruction } from '@/lib/dockerfile/parse';

export type Rule = (model: DockerfileModel) => DockerfileFinding[];

export function finding(
  rule: DockerfileRuleId,
  at: Instruction,
  severity: FindingSeverity,
  message: string,
  fix: string,
): DockerfileFinding {
  return { rule, line: at.line, endLine: at.endLine, severity, message, fix };
}

// What the advisor's tests share: a Dockerfile from lines, and the findings of one rule.
import type { DockerfileFinding } from '@/lib/api/dockerfile';
import { lintDockerfile } from '@/lib/dockerfile/lint';

export const file = (...lines: string[]): string => lines.join('\n');

export const ruleHits = (text: string, rule: string): DockerfileFinding[] =>
  lintDockerfile(text).filter((finding) => finding.rule === rule);

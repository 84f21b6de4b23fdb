// The Dockerfile advisor's public face: lint a Dockerfile's text, or parse it for other uses (the
// /build page's step list). Browser-safe: no server-only imports below.
export { lintDockerfile, type LintOptions } from '@/lib/dockerfile/lint';
export { buildModel, type DockerfileModel, type Stage } from '@/lib/dockerfile/model';
export { parseDockerfile, type Instruction, type ParsedDockerfile } from '@/lib/dockerfile/parse';
export type { DockerfileFinding, FindingSeverity, DockerfileRuleId } from '@/lib/api/dockerfile';

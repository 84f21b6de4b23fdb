// Copying the whole build context before installing dependencies: any edit to any file changes that
// COPY layer, so the install below it never comes from the cache again.
import { argvsOf, operandsOf, runs } from '@/lib/dockerfile/commands';
import { splitWords, flagValue, type Instruction } from '@/lib/dockerfile/parse';
import { programName } from '@/lib/dockerfile/shell';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

interface Install {
  /** How the finding names it: `npm ci`. */
  label: string;
  /** The files the install reads, to copy first; null when it reads none (system packages). */
  manifests: string | null;
}

const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '.\\']);

export const cacheOrder: Rule = (model) =>
  model.stages.flatMap((stage) => {
    const copyIndex = stage.instructions.findIndex(copiesWholeContext);
    if (copyIndex < 0) return [];
    const copy = stage.instructions[copyIndex]!;
    for (const instruction of stage.instructions.slice(copyIndex + 1)) {
      if (instruction.keyword !== 'RUN') continue;
      const install = argvsOf(instruction)
        .map(dependencyInstall)
        .find((found) => found !== null);
      if (!install) continue;
      const copied = `${copy.keyword} ${copy.rest}`;
      return [
        finding(
          'cache-order',
          copy,
          'warning',
          `${copied} comes before ${install.label} (line ${instruction.line}): any change to any file reruns the install.`,
          install.manifests
            ? `Copy only ${install.manifests}, run ${install.label}, and ${copied} after that.`
            : `Move the ${install.label} RUN above ${copied}: it does not need your source.`,
        ),
      ];
    }
    return [];
  });

function copiesWholeContext(instruction: Instruction): boolean {
  if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || flagValue(instruction, 'from') !== undefined) return false;
  const words = instruction.json ?? splitWords(instruction.rest);
  return words.slice(0, -1).some((source) => WHOLE_CONTEXT.has(source));
}

const SYSTEM_INSTALLS: [RegExp, string][] = [
  [/^apt(-get)?$/, 'install'],
  [/^apk$/, 'add'],
  [/^(yum|dnf|microdnf|zypper)$/, 'install'],
];

/** Recognises the usual dependency installers; a RUN that installs the project itself is not one. */
export function dependencyInstall(argv: string[]): Install | null {
  const pythonModule = /^python[\d.]*$/.test(programName(argv)) && argv[1] === '-m' ? argv.slice(2) : null;
  if (pythonModule) return dependencyInstall(pythonModule);
  const name = programName(argv);
  const operands = operandsOf(argv);
  const [verb] = operands;
  const packages = operands.length > 1;
  const label = [name, verb].filter(Boolean).join(' ');

  if (name === 'npm' && (verb === 'ci' || verb === 'install' || verb === 'i')) {
    return { label, manifests: packages ? null : 'package.json package-lock.json' };
  }
  if (name === 'yarn' && (verb === undefined || verb === 'install')) return { label, manifests: 'package.json yarn.lock' };
  if (name === 'pnpm' && (verb === 'install' || verb === 'i')) return { label, manifests: 'package.json pnpm-lock.yaml' };
  if (name === 'bun' && verb === 'install') return { label, manifests: 'package.json bun.lock' };
  if (/^pip[\d.]*$/.test(name) && verb === 'install') return pipInstall(argv, label);
  if (name === 'uv' && verb === 'pip' && operands[1] === 'install') return pipInstall(argv, 'uv pip install');
  if (name === 'uv' && verb === 'sync') return { label, manifests: 'pyproject.toml uv.lock' };
  if (name === 'poetry' && verb === 'install') return { label, manifests: 'pyproject.toml poetry.lock' };
  if (name === 'pipenv' && verb === 'install') return { label, manifests: 'Pipfile Pipfile.lock' };
  if (runs(argv, 'bundle', 'install')) return { label, manifests: 'Gemfile Gemfile.lock' };
  if (runs(argv, 'go', 'mod', 'download')) return { label: 'go mod download', manifests: 'go.mod go.sum' };
  if (runs(argv, 'composer', 'install')) return { label, manifests: 'composer.json composer.lock' };
  if (runs(argv, 'cargo', 'fetch')) return { label, manifests: 'Cargo.toml Cargo.lock' };
  if (runs(argv, 'dotnet', 'restore')) return { label, manifests: 'the *.csproj files' };
  if (/^mvnw?$/.test(name) && operands.some((word) => /^dependency:(go-offline|resolve)/.test(word))) {
    return { label: `${name} dependency:go-offline`, manifests: 'pom.xml' };
  }
  if (SYSTEM_INSTALLS.some(([program, command]) => program.test(name) && verb === command)) return { label, manifests: null };
  return null;
}

function pipInstall(argv: string[], label: string): Install | null {
  // `pip install .` / `-e .` / a wheel path installs the project or a build output: it needs the source.
  if (argv.some((word) => word === '-e' || word === '--editable')) return null;
  const requirements: string[] = [];
  const targets: string[] = [];
  for (let i = argv.indexOf('install') + 1; i > 0 && i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '-r' || word === '--requirement') requirements.push(argv[++i] ?? '');
    else if (word.startsWith('--requirement=')) requirements.push(word.slice('--requirement='.length));
    else if (word === '-c' || word === '--constraint' || word === '-i' || word === '--index-url') i++;
    else if (!word.startsWith('-')) targets.push(word);
  }
  if (targets.some((word) => word === '.' || word.startsWith('./') || word.startsWith('/'))) return null;
  return { label, manifests: requirements.length > 0 ? requirements.join(' ') : null };
}

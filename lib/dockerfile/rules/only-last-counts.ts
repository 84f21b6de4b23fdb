// CMD, ENTRYPOINT and HEALTHCHECK are settings, not steps: a later one in the same stage replaces an
// earlier one, which then only misleads whoever reads the file.
import type { DockerfileRuleId } from '@/lib/api/dockerfile';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

const SETTINGS: [keyword: string, rule: DockerfileRuleId][] = [
  ['CMD', 'multiple-cmd'],
  ['ENTRYPOINT', 'multiple-entrypoint'],
  ['HEALTHCHECK', 'multiple-healthcheck'],
];

export const onlyLastCounts: Rule = (model) =>
  model.stages.flatMap((stage) =>
    SETTINGS.flatMap(([keyword, rule]) => {
      const all = stage.instructions.filter((instruction) => instruction.keyword === keyword);
      const last = all.at(-1);
      if (!last) return [];
      return all
        .slice(0, -1)
        .map((replaced) =>
          finding(
            rule,
            replaced,
            'warning',
            `Only the last ${keyword} in a stage counts: this one is replaced by line ${last.line}.`,
            `Delete this ${keyword}, or fold what it should do into line ${last.line}.`,
          ),
        );
    }),
  );

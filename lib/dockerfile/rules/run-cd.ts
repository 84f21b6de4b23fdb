// `cd` inside RUN lasts only until that RUN ends; a directory the following steps work in is WORKDIR.
import { argvsOf } from '@/lib/dockerfile/commands';
import { programName } from '@/lib/dockerfile/shell';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

// Scratch space: `cd /tmp && build && cd / && rm -rf /tmp/x` is fine as it is.
const SCRATCH = /^(\/tmp|\/var\/tmp)(\/|$)|^\$|^`|^-$/;

export const runCd: Rule = (model) =>
  model.stages.flatMap((stage) =>
    stage.instructions.flatMap((instruction) => {
      if (instruction.keyword !== 'RUN') return [];
      const argvs = argvsOf(instruction);
      const first = argvs[0];
      if (!first || programName(first) !== 'cd') return [];
      const dir = first[1] ?? '~';
      if (argvs.length === 1) {
        return [
          finding(
            'run-cd',
            instruction,
            'warning',
            `RUN cd ${dir} changes nothing: every RUN starts again in the WORKDIR.`,
            `Replace it with WORKDIR ${dir}.`,
          ),
        ];
      }
      if (SCRATCH.test(dir)) return [];
      return [
        finding(
          'run-cd',
          instruction,
          'info',
          `RUN cd ${dir} && … works in ${dir} for this step only; the next RUN, COPY and CMD start elsewhere.`,
          `Put WORKDIR ${dir} above this RUN and drop the cd.`,
        ),
      ];
    }),
  );

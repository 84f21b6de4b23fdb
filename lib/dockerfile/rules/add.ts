// ADD does three things (copy, fetch URLs, unpack local archives); COPY does one. Using ADD for a
// plain copy hides which of the three was meant, and an archive renamed later silently changes it.
import { splitWords, flagValue, type Instruction } from '@/lib/dockerfile/parse';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

const URL = /^(https?|ftp):\/\//i;
const GIT = /^git@|\.git(#.*)?$/;
// What ADD may unpack: a tar, optionally compressed. Docker decides by content, not by name, so a
// bare `.gz`/`.bz2`/`.xz` may be a tarball too: flagging it as "use COPY" could change the build.
const ARCHIVE = /\.(tar|tgz|tbz2?|txz|gz|bz2|xz|zst|lz4)$/i;

const sourcesOf = (instruction: Instruction): string[] => (instruction.json ?? splitWords(instruction.rest)).slice(0, -1);
const adds = (instruction: Instruction) => instruction.keyword === 'ADD' && instruction.heredocs.length === 0;

export const addInsteadOfCopy: Rule = (model) =>
  model.stages.flatMap((stage) =>
    stage.instructions.filter(adds).flatMap((instruction) => {
      const sources = sourcesOf(instruction);
      // A variable may name an archive or a URL; only a source we can read decides.
      const plain =
        sources.length > 0 &&
        sources.every((source) => !URL.test(source) && !GIT.test(source) && !ARCHIVE.test(source) && !source.includes('$'));
      if (!plain || flagValue(instruction, 'checksum') !== undefined) return [];
      return [
        finding(
          'add-instead-of-copy',
          instruction,
          'warning',
          'ADD also fetches URLs and unpacks archives; for a plain copy it only hides what was meant.',
          `Use COPY ${instruction.args}.`,
        ),
      ];
    }),
  );

export const addUrl: Rule = (model) =>
  model.stages.flatMap((stage) =>
    stage.instructions.filter(adds).flatMap((instruction) => {
      const url = sourcesOf(instruction).find((source) => URL.test(source) && !GIT.test(source));
      // --checksum makes ADD verify the download: a deliberate choice worth keeping.
      if (!url || flagValue(instruction, 'checksum') !== undefined) return [];
      return [
        finding(
          'add-url',
          instruction,
          'info',
          'ADD of a URL keeps the download as its own layer and checks nothing; a RUN can fetch, verify, unpack and delete in one layer.',
          'RUN curl -fsSLo /tmp/file <url> && echo "<sha256>  /tmp/file" | sha256sum -c && … && rm /tmp/file (or ADD --checksum=sha256:…).',
        ),
      ];
    }),
  );

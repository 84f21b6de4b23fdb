// hadolint DL3002. An explicit `USER root` that is still in force at the end usually means a switch to
// root for installing that was never undone: the app then runs with root's power over the container.
import { splitWords } from '@/lib/dockerfile/parse';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

export const lastUserRoot: Rule = (model) => {
  const user = model.built.map((stage) => stage.instructions.filter((instruction) => instruction.keyword === 'USER').at(-1)).find(Boolean);
  const name = user ? (splitWords(user.rest)[0] ?? '').split(':')[0] : undefined;
  if (!user || (name !== 'root' && name !== '0')) return [];
  return [
    finding(
      'last-user-root',
      user,
      'warning',
      'The image ends as USER root: the app runs as root, so any hole in it is root in the container.',
      'Switch back after installing: add USER <app user> (e.g. USER node, USER 1000) before CMD.',
    ),
  ];
};

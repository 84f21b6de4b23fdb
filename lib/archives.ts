// Small pure facts about image archives, shared by the server and the browser (kept free of zod, whose
// schema compiler probes `new Function` — which the page's Content-Security-Policy reports as a violation).

/** The file name a saved archive gets: `team_app_1.tar`, or `3-images.tar`. */
export function archiveFilename(names: string[]): string {
  const base = names.length === 1 ? (names[0] ?? 'image') : `${names.length}-images`;
  return `${base.replace(/^sha256:/, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120)}.tar`;
}

/**
 * Config changes `docker import --change` accepts that make sense for a new base image: exactly one
 * instruction per value. The engine parses each value as Dockerfile text, so a line break (or any
 * control character) would smuggle in more instructions (`CMD x` + newline + `ONBUILD RUN …`).
 */
export const IMPORT_CHANGE = /^(CMD|ENTRYPOINT|ENV|WORKDIR|EXPOSE|USER|LABEL|STOPSIGNAL|VOLUME)[ \t]+[^\p{Cc}\p{Zl}\p{Zp}\s](?:\t|[^\p{Cc}\p{Zl}\p{Zp}])*$/iu;

// The Docker Hub's answers, parsed tolerantly: unknown fields are ignored and optional ones may be
// missing, so a change on the Hub's side degrades a field, not the page.
import 'server-only';
import { z } from '@/lib/api/zod';

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');
const count = z.union([z.number(), z.string()]).nullish();

export const searchV4 = z.looseObject({
  total: z.number().nullish(),
  results: z
    .array(
      z.looseObject({
        name: z.string(),
        slug: z.string().nullish(),
        short_description: text,
        badge: z.string().nullish(),
        star_count: z.number().nullish(),
        pull_count: count,
        publisher: z.looseObject({ name: z.string().nullish() }).nullish(),
        updated_at: z.string().nullish(),
        architectures: z.array(z.looseObject({ name: z.string() })).nullish(),
      }),
    )
    .nullish(),
});

export const searchV2 = z.looseObject({
  count: z.number().nullish(),
  results: z
    .array(
      z.looseObject({
        repo_name: z.string(),
        short_description: text,
        star_count: z.number().nullish(),
        pull_count: count,
        is_official: z.boolean().nullish(),
      }),
    )
    .nullish(),
});

export const repository = z.looseObject({
  name: z.string(),
  namespace: z.string().nullish(),
  user: z.string().nullish(),
  description: text,
  full_description: text,
  star_count: z.number().nullish(),
  pull_count: z.number().nullish(),
  last_updated: z.string().nullish(),
});

export const tags = z.looseObject({
  count: z.number().nullish(),
  results: z
    .array(
      z.looseObject({
        name: z.string(),
        digest: z.string().nullish(),
        tag_last_pushed: z.string().nullish(),
        last_updated: z.string().nullish(),
        images: z
          .array(
            z.looseObject({
              architecture: z.string().nullish(),
              os: z.string().nullish(),
              variant: z.string().nullish(),
              size: z.number().nullish(),
              digest: z.string().nullish(),
            }),
          )
          .nullish(),
      }),
    )
    .nullish(),
});

// A small Docker Hub stand-in for tests (there is no internet here): the v4 search, repository and tags
// endpoints with the public shapes, several pages, badges, an attestation row, a 429 and a 404. It adds a
// field the real Hub does not send, so the app's tolerance of unknown fields is exercised too.
//   node scripts/hub-fixture.mjs [port]      (listens on 127.0.0.1 only)
import http from 'node:http';

const port = Number(process.argv[2] ?? process.env.HUB_FIXTURE_PORT ?? 3150);
const DAY = 86_400_000;
const iso = (daysAgo) => new Date(Date.UTC(2026, 10, 28) - daysAgo * DAY).toISOString();

const catalog = [
  { name: 'nginx', badge: 'official', stars: 21000, pulls: '1B+', publisher: 'Docker', description: 'Official build of Nginx.', days: 2 },
  { name: 'busybox', badge: 'official', stars: 3300, pulls: '1B+', publisher: 'Docker', description: 'Busybox base image.', days: 20 },
  {
    name: 'alpine',
    badge: 'official',
    stars: 11000,
    pulls: '1B+',
    publisher: 'Docker',
    description: 'A minimal Docker image based on Alpine Linux.',
    days: 5,
  },
  {
    name: 'bitnami/nginx',
    badge: 'verified_publisher',
    stars: 200,
    pulls: '500M+',
    publisher: 'VMware',
    description: 'Bitnami container image for NGINX.',
    days: 1,
  },
  {
    name: 'nginxinc/nginx-unprivileged',
    badge: 'verified_publisher',
    stars: 150,
    pulls: '100M+',
    publisher: 'NGINX, Inc.',
    description: 'Unprivileged NGINX Dockerfiles.',
    days: 3,
  },
  {
    name: 'linuxserver/nginx',
    badge: 'open_source',
    stars: 300,
    pulls: '10M+',
    publisher: 'LinuxServer.io',
    description: 'An Nginx container, brought to you by LinuxServer.io.',
    days: 9,
  },
  ...Array.from({ length: 34 }, (_, i) => ({
    name: `community${i}/nginx-${['proxy', 'php', 'static', 'ssl'][i % 4]}`,
    badge: i % 7 === 0 ? null : 'none',
    stars: 100 - i,
    pulls: `${(40 - i) * 1000}`,
    publisher: `community${i}`,
    description: `A community nginx image, variant ${i}.`,
    days: 30 + i * 11,
  })),
];

function search(url) {
  const query = (url.searchParams.get('query') ?? '').toLowerCase();
  if (query === 'ratelimit')
    return [
      429,
      { message: 'Too Many Requests', errinfo: null },
      { 'X-Retry-After': String(Math.floor(Date.UTC(2026, 10, 29, 18, 30) / 1000)) },
    ];
  const from = Number(url.searchParams.get('from') ?? 0);
  const size = Number(url.searchParams.get('size') ?? 25);
  const badges = (url.searchParams.get('badges') ?? '').split(',').filter(Boolean);
  let hits = catalog.filter((item) => item.name.includes(query) || item.description.toLowerCase().includes(query));
  if (badges.length) hits = hits.filter((item) => badges.includes(item.badge));
  const sort = url.searchParams.get('sort');
  // Like the v4 API: only these two sorts exist.
  if (sort && sort !== 'pull_count' && sort !== 'updated_at') return [400, { message: `invalid sort ${sort}`, errinfo: null }];
  if (sort === 'updated_at') hits = [...hits].sort((a, b) => a.days - b.days);
  return [
    200,
    {
      total: hits.length,
      results: hits.slice(from, from + size).map((item) => ({
        id: item.name,
        name: item.name,
        slug: item.name,
        type: 'image',
        publisher: { id: item.publisher, name: item.publisher },
        created_at: iso(item.days + 900),
        updated_at: iso(item.days),
        short_description: item.description,
        badge: item.badge,
        star_count: item.stars,
        pull_count: item.pulls,
        architectures: [
          { name: 'amd64', label: 'x86-64' },
          { name: 'arm64', label: 'ARM 64' },
        ],
        operating_systems: [{ name: 'linux', label: 'Linux' }],
        logo_url: { large: '', small: '' },
        categories: [{ slug: 'web-servers', name: 'Web Servers' }],
        archived: false,
        extension_reviewed: false,
        strata_fixture_unknown_field: { nested: true },
      })),
    },
  ];
}

const digest = (seed) => `sha256:${seed.toString(16).padStart(4, '0').repeat(16)}`;
/** A tag's digest seed from its name alone, so a tag keeps its digest on every page and filter. */
const nameSeed = (name) => [...name].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) % 65_521, 7);

function tags(url, name) {
  const page = Number(url.searchParams.get('page') ?? 1);
  const size = Number(url.searchParams.get('page_size') ?? 10);
  const filter = url.searchParams.get('name') ?? '';
  const all = Array.from({ length: 40 }, (_, i) =>
    i === 0 ? 'latest' : `1.${27 - Math.floor(i / 3)}.${i % 3}${i % 2 ? '-alpine' : ''}`,
  ).filter((tag) => tag.includes(filter));
  const results = all.slice((page - 1) * size, page * size).map((tag, i) => ({
    id: 1000 + i,
    name: tag,
    // As in the official images' tagging, `latest` is one of the version tags: the same digest.
    digest: digest(nameSeed(tag === 'latest' ? '1.27.2' : tag)),
    media_type: 'application/vnd.oci.image.index.v1+json',
    full_size: 20_500_000,
    last_updated: iso(i),
    tag_last_pushed: iso(i),
    tag_status: 'active',
    images: [
      { architecture: 'amd64', os: 'linux', variant: null, digest: digest(i + 1), size: 20_500_000 + i * 1000, status: 'active' },
      { architecture: 'arm64', os: 'linux', variant: 'v8', digest: digest(i + 2), size: 19_800_000 + i * 1000, status: 'active' },
      { architecture: 'unknown', os: 'unknown', variant: null, digest: digest(i + 3), size: 1200, status: 'active' },
    ],
  }));
  const next = page * size < all.length ? `http://127.0.0.1:${port}/v2/namespaces/x/repositories/${name}/tags?page=${page + 1}` : null;
  return [200, { count: all.length, next, previous: null, results }];
}

function repository(namespace, repo) {
  const name = namespace === 'library' ? repo : `${namespace}/${repo}`;
  const item = catalog.find((entry) => entry.name === name);
  if (!item) return [404, { message: 'object not found', errinfo: null }];
  return [
    200,
    {
      user: namespace,
      name: repo,
      namespace,
      repository_type: 'image',
      status: 1,
      description: item.description,
      is_private: false,
      star_count: item.stars,
      pull_count: 1_000_000_000,
      last_updated: iso(item.days),
      full_description: `# ${name}\n\n${item.description}`,
      permissions: { read: true, write: false, admin: false },
    },
  ];
}

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    let answer = [404, { message: 'not found', errinfo: null }];
    const repoMatch = /^\/v2\/namespaces\/([^/]+)\/repositories\/([^/]+)(\/tags)?\/?$/.exec(url.pathname);
    if (url.pathname === '/api/search/v4') answer = search(url);
    else if (repoMatch?.[3])
      answer = repository(repoMatch[1], repoMatch[2])[0] === 404 ? [404, { message: 'object not found' }] : tags(url, repoMatch[2]);
    else if (repoMatch) answer = repository(repoMatch[1], repoMatch[2]);
    const [status, body, headers = {}] = answer;
    res.writeHead(status, { 'Content-Type': 'application/json', 'X-RateLimit-Limit': '180', 'X-RateLimit-Remaining': '179', ...headers });
    res.end(JSON.stringify(body));
  })
  .listen(port, '127.0.0.1', () => console.log(`hub fixture on http://127.0.0.1:${port}`));

// The image catalogue: which images and tags exist, how big they are, and what their
// containers do when started without a command override. Data only; see container-run.ts.

export type AppKind = 'nginx' | 'httpd' | 'bootcamp' | 'monolith' | 'redis' | 'echo' | 'liveness' | 'generic';

export interface ImageInfo {
  /** Canonical repository, e.g. docker.io/library/nginx. */
  repository: string;
  /** Tags that exist (exact names or patterns). */
  tags: (string | RegExp)[];
  sizeBytes: number;
  /** The image's ENTRYPOINT and CMD. */
  entrypoint: string[];
  cmd: string[];
  /** Whether a POSIX shell and the usual tools are inside (busybox applets at least). */
  shell: boolean;
  /** A server runs until stopped; otherwise the default command exits with exitCode. */
  server: boolean;
  exitCode?: number;
  app: AppKind;
  ports?: number[];
  /** Seconds from start until the app answers (readiness). */
  warmupSeconds?: number;
  /** Resident memory of the running app in MiB (for OOMKilled against limits). */
  memoryMi: number;
  /** Version reported by apps that report one (the bootcamp's v=N). */
  version?: (tag: string) => string;
}

const VARIANTS = '(-(alpine|alpine-slim|alpine-perl|perl|slim|bookworm|bookworm-slim|bullseye|bullseye-slim|glibc|musl|uclibc|otel|jammy|noble)(\\d+(\\.\\d+)*)?)?';
/** Released versions: the given majors, then .minor and .patch numbers, and the usual variants. */
const versions = (majors: string) => new RegExp(`^(${majors})(\\.\\d{1,2}){0,2}${VARIANTS}$`);

export const IMAGES: ImageInfo[] = [
  { repository: 'docker.io/library/nginx', tags: ['latest', 'stable', 'mainline', 'alpine', 'stable-alpine', 'mainline-alpine', 'perl', versions('1')], sizeBytes: 72_099_501, entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], shell: true, server: true, app: 'nginx', ports: [80], warmupSeconds: 1, memoryMi: 8 },
  { repository: 'docker.io/library/httpd', tags: ['latest', 'alpine', versions('2')], sizeBytes: 58_200_000, entrypoint: [], cmd: ['httpd-foreground'], shell: true, server: true, app: 'httpd', ports: [80], warmupSeconds: 1, memoryMi: 10 },
  { repository: 'docker.io/library/redis', tags: ['latest', 'alpine', versions('[2-7]')], sizeBytes: 45_600_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], shell: true, server: true, app: 'redis', ports: [6379], warmupSeconds: 1, memoryMi: 4 },
  { repository: 'docker.io/library/memcached', tags: ['latest', 'alpine', versions('1')], sizeBytes: 32_000_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], shell: true, server: true, app: 'generic', ports: [11211], memoryMi: 4 },
  { repository: 'docker.io/library/mysql', tags: ['latest', versions('5|8|9')], sizeBytes: 170_000_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], shell: true, server: true, app: 'generic', ports: [3306], warmupSeconds: 10, memoryMi: 360 },
  { repository: 'docker.io/library/postgres', tags: ['latest', 'alpine', versions('9|1[0-7]')], sizeBytes: 150_000_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], shell: true, server: true, app: 'generic', ports: [5432], warmupSeconds: 3, memoryMi: 40 },
  { repository: 'docker.io/library/busybox', tags: ['latest', 'stable', 'musl', 'glibc', 'uclibc', versions('1')], sizeBytes: 2_167_089, entrypoint: [], cmd: ['sh'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 1 },
  { repository: 'docker.io/library/alpine', tags: ['latest', 'edge', versions('3')], sizeBytes: 3_623_807, entrypoint: [], cmd: ['/bin/sh'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 1 },
  { repository: 'docker.io/library/ubuntu', tags: ['latest', 'jammy', 'noble', 'focal', versions('1[4-9]|2[0-4]')], sizeBytes: 29_700_000, entrypoint: [], cmd: ['/bin/bash'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 2 },
  { repository: 'docker.io/library/debian', tags: ['latest', 'bookworm', 'bookworm-slim', 'bullseye', versions('[7-9]|1[0-3]')], sizeBytes: 48_500_000, entrypoint: [], cmd: ['bash'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 2 },
  { repository: 'docker.io/library/python', tags: ['latest', 'slim', 'alpine', versions('2|3')], sizeBytes: 350_000_000, entrypoint: [], cmd: ['python3'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 10 },
  { repository: 'docker.io/library/node', tags: ['latest', 'alpine', 'slim', 'lts', versions('[4-9]|1\\d|2[0-4]')], sizeBytes: 380_000_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 20 },
  { repository: 'docker.io/library/hello-world', tags: ['latest', 'linux'], sizeBytes: 13_256, entrypoint: [], cmd: ['/hello'], shell: false, server: false, exitCode: 0, app: 'generic', memoryMi: 1 },
  { repository: 'docker.io/curlimages/curl', tags: ['latest', versions('[7-8]')], sizeBytes: 11_700_000, entrypoint: ['/entrypoint.sh'], cmd: ['curl'], shell: true, server: false, exitCode: 2, app: 'generic', memoryMi: 1 },
  { repository: 'docker.io/nicolaka/netshoot', tags: ['latest', /^v\d+(\.\d+)*$/], sizeBytes: 180_000_000, entrypoint: [], cmd: ['zsh'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 2 },
  { repository: 'docker.io/polinux/stress', tags: ['latest'], sizeBytes: 4_000_000, entrypoint: [], cmd: ['stress'], shell: true, server: false, exitCode: 1, app: 'generic', memoryMi: 1 },
  { repository: 'docker.io/hashicorp/http-echo', tags: ['latest', versions('0|1')], sizeBytes: 3_700_000, entrypoint: ['/http-echo'], cmd: [], shell: false, server: true, app: 'echo', ports: [5678], memoryMi: 3 },
  { repository: 'docker.io/traefik/whoami', tags: ['latest', /^v\d+(\.\d+)*$/], sizeBytes: 3_500_000, entrypoint: ['/whoami'], cmd: [], shell: false, server: true, app: 'echo', ports: [80], memoryMi: 3 },
  { repository: 'gcr.io/google-samples/kubernetes-bootcamp', tags: ['v1'], sizeBytes: 77_000_000, entrypoint: ['/bin/sh', '-c', 'node server.js'], cmd: [], shell: true, server: true, app: 'bootcamp', ports: [8080], warmupSeconds: 1, memoryMi: 20, version: () => '1' },
  { repository: 'docker.io/jocatalin/kubernetes-bootcamp', tags: ['v1', 'v2'], sizeBytes: 77_000_000, entrypoint: ['/bin/sh', '-c', 'node server.js'], cmd: [], shell: true, server: true, app: 'bootcamp', ports: [8080], warmupSeconds: 1, memoryMi: 20, version: (tag) => tag.replace(/^v/, '') },
  { repository: 'docker.io/kelseyhightower/monolith', tags: ['1.0.0'], sizeBytes: 6_800_000, entrypoint: ['/app/monolith'], cmd: ['-http=0.0.0.0:80', '-health=0.0.0.0:81', '-secret=secret'], shell: false, server: true, app: 'monolith', ports: [80, 81], warmupSeconds: 1, memoryMi: 5 },
  { repository: 'docker.io/library/perl', tags: ['latest', 'slim', versions('5')], sizeBytes: 335_000_000, entrypoint: [], cmd: ['perl5', '-de0'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 8 },
  { repository: 'docker.io/library/golang', tags: ['latest', 'alpine', versions('1')], sizeBytes: 280_000_000, entrypoint: [], cmd: ['bash'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 4 },
  { repository: 'docker.io/library/mongo', tags: ['latest', versions('[3-8]')], sizeBytes: 250_000_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'], shell: true, server: true, app: 'generic', ports: [27017], warmupSeconds: 3, memoryMi: 120 },
  { repository: 'docker.io/library/mariadb', tags: ['latest', versions('10|11')], sizeBytes: 120_000_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['mariadbd'], shell: true, server: true, app: 'generic', ports: [3306], warmupSeconds: 5, memoryMi: 100 },
  { repository: 'docker.io/library/wordpress', tags: ['latest', versions('[4-6]')], sizeBytes: 250_000_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['apache2-foreground'], shell: true, server: true, app: 'httpd', ports: [80], warmupSeconds: 2, memoryMi: 60 },
  { repository: 'docker.io/library/rabbitmq', tags: ['latest', 'management', versions('3|4')], sizeBytes: 110_000_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['rabbitmq-server'], shell: true, server: true, app: 'generic', ports: [5672], warmupSeconds: 5, memoryMi: 100 },
  { repository: 'docker.io/library/tomcat', tags: ['latest', versions('[8-9]|1[01]')], sizeBytes: 160_000_000, entrypoint: [], cmd: ['catalina.sh', 'run'], shell: true, server: true, app: 'generic', ports: [8080], warmupSeconds: 3, memoryMi: 150 },
  { repository: 'docker.io/library/centos', tags: ['latest', /^[6-8](\.\d+)*$/], sizeBytes: 80_000_000, entrypoint: [], cmd: ['/bin/bash'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 2 },
  { repository: 'docker.io/library/fedora', tags: ['latest', /^\d+$/], sizeBytes: 60_000_000, entrypoint: [], cmd: ['/bin/bash'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 2 },
  { repository: 'docker.io/library/haproxy', tags: ['latest', 'alpine', versions('[12]|3')], sizeBytes: 40_000_000, entrypoint: ['docker-entrypoint.sh'], cmd: ['haproxy', '-f', '/usr/local/etc/haproxy/haproxy.cfg'], shell: true, server: true, app: 'generic', ports: [80], memoryMi: 10 },
  { repository: 'docker.io/library/caddy', tags: ['latest', 'alpine', versions('2')], sizeBytes: 20_000_000, entrypoint: [], cmd: ['caddy', 'run', '--config', '/etc/caddy/Caddyfile'], shell: true, server: true, app: 'generic', ports: [80], memoryMi: 15 },
  { repository: 'docker.io/kennethreitz/httpbin', tags: ['latest'], sizeBytes: 200_000_000, entrypoint: [], cmd: ['gunicorn', '-b', '0.0.0.0:80', 'httpbin:app', '-k', 'gevent'], shell: true, server: true, app: 'echo', ports: [80], memoryMi: 40 },
  { repository: 'docker.io/library/registry', tags: ['latest', versions('2|3')], sizeBytes: 10_000_000, entrypoint: ['/entrypoint.sh'], cmd: ['/etc/docker/registry/config.yml'], shell: true, server: true, app: 'generic', ports: [5000], memoryMi: 10 },
  { repository: 'registry.k8s.io/nginx-slim', tags: [/^0\.\d+$/], sizeBytes: 20_000_000, entrypoint: [], cmd: ['nginx', '-g', 'daemon off;'], shell: true, server: true, app: 'nginx', ports: [80], warmupSeconds: 1, memoryMi: 6 },
  { repository: 'registry.k8s.io/busybox', tags: ['latest', /^1\.\d+(\.\d+)?$/], sizeBytes: 1_300_000, entrypoint: [], cmd: ['sh'], shell: true, server: false, exitCode: 0, app: 'generic', memoryMi: 1 },
  { repository: 'registry.k8s.io/liveness', tags: ['latest'], sizeBytes: 2_400_000, entrypoint: ['/server'], cmd: [], shell: false, server: true, app: 'liveness', ports: [8080], memoryMi: 3 },
  { repository: 'registry.k8s.io/goproxy', tags: [/^0\.\d+$/], sizeBytes: 5_000_000, entrypoint: ['/goproxy'], cmd: [], shell: false, server: true, app: 'generic', ports: [8080], memoryMi: 3 },
  { repository: 'registry.k8s.io/metrics-server/metrics-server', tags: [/^v0\.\d+\.\d+$/], sizeBytes: 19_500_000, entrypoint: ['/metrics-server'], cmd: [], shell: false, server: true, app: 'generic', ports: [10250], memoryMi: 18 },
  { repository: 'registry.k8s.io/ingress-nginx/controller', tags: [/^v1\.\d+\.\d+$/], sizeBytes: 105_000_000, entrypoint: ['/usr/bin/dumb-init', '--'], cmd: ['/nginx-ingress-controller'], shell: true, server: true, app: 'nginx', ports: [80, 443, 8443, 10254], memoryMi: 92 },
  { repository: 'gcr.io/google-samples/hello-app', tags: ['1.0', '2.0'], sizeBytes: 10_000_000, entrypoint: ['/hello-app'], cmd: [], shell: false, server: true, app: 'echo', ports: [8080], memoryMi: 5 },
  { repository: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app', tags: ['1.0', '2.0'], sizeBytes: 10_000_000, entrypoint: ['/hello-app'], cmd: [], shell: false, server: true, app: 'echo', ports: [8080], memoryMi: 5 },
  { repository: 'registry.k8s.io/pause', tags: [/^3\.\d+$/], sizeBytes: 320_000, entrypoint: ['/pause'], cmd: [], shell: false, server: true, app: 'generic', memoryMi: 1 },
  { repository: 'registry.k8s.io/echoserver', tags: [/^1\.\d+$/], sizeBytes: 46_000_000, entrypoint: [], cmd: ['/usr/local/bin/run.sh'], shell: true, server: true, app: 'echo', ports: [8080], memoryMi: 5 },
  { repository: 'registry.k8s.io/e2e-test-images/agnhost', tags: [/^2\.\d+$/], sizeBytes: 52_000_000, entrypoint: ['/agnhost'], cmd: ['pause'], shell: true, server: true, app: 'echo', ports: [80], memoryMi: 5 },
  ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'].map(
    (c): ImageInfo => ({ repository: `registry.k8s.io/${c}`, tags: [/^v1\.\d+\.\d+$/], sizeBytes: 28_000_000, entrypoint: [], cmd: [c], shell: false, server: true, app: 'generic', memoryMi: 60 }),
  ),
  { repository: 'registry.k8s.io/etcd', tags: [/^3\.\d+\.\d+-\d+$/], sizeBytes: 57_000_000, entrypoint: [], cmd: ['etcd'], shell: false, server: true, app: 'generic', memoryMi: 60 },
  { repository: 'registry.k8s.io/coredns/coredns', tags: [/^v1\.\d+\.\d+$/], sizeBytes: 18_500_000, entrypoint: ['/coredns'], cmd: [], shell: false, server: true, app: 'generic', ports: [53], memoryMi: 20 },
  { repository: 'docker.io/calico/node', tags: [/^v3\.\d+\.\d+$/], sizeBytes: 140_000_000, entrypoint: ['start_runit'], cmd: [], shell: true, server: true, app: 'generic', memoryMi: 60 },
  { repository: 'quay.io/coreos/flannel', tags: [/^v0\.\d+\.\d+$/], sizeBytes: 21_000_000, entrypoint: ['/opt/bin/flanneld'], cmd: [], shell: true, server: true, app: 'generic', memoryMi: 15 },
];

export interface ImageRef {
  /** As written, e.g. nginx:1.25 */
  raw: string;
  repository: string;
  tag: string;
  digest?: string;
  /** Fully qualified, e.g. docker.io/library/nginx:1.25 */
  full: string;
}

const REFERENCE = /^(?:([a-z0-9.-]+(?::\d+)?)\/)?([a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/** Parses an image reference as containerd normalises it; undefined when the format is invalid. */
export function parseImageRef(raw: string): ImageRef | undefined {
  const m = REFERENCE.exec(raw);
  if (!m) return undefined;
  const [, host, name, givenTag, digest] = m;
  let registry = host ?? 'docker.io';
  let path = name;
  if (host && !host.includes('.') && !host.includes(':') && host !== 'localhost') {
    path = `${host}/${name}`;
    registry = 'docker.io';
  }
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const repository = `${registry}/${path}`;
  const tag = givenTag ?? (digest ? '' : 'latest');
  return { raw, repository, tag, digest, full: `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}` };
}

export function lookupImage(ref: ImageRef): { image?: ImageInfo; tagKnown: boolean } {
  const image = IMAGES.find((i) => i.repository === ref.repository);
  if (!image) return { tagKnown: false };
  if (ref.digest && !ref.tag) return { image, tagKnown: true };
  return { image, tagKnown: image.tags.some((t) => (typeof t === 'string' ? t === ref.tag : t.test(ref.tag))) };
}

/** Why a pull of this reference fails, in containerd's words; undefined when it succeeds. */
export function pullError(ref: ImageRef): string | undefined {
  const { image, tagKnown } = lookupImage(ref);
  if (image && tagKnown) return undefined;
  if (!image) {
    return `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  }
  return `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
}

/** A stable made-up sha256 digest for an image: eight FNV-1a passes over its reference. */
export function imageDigest(ref: ImageRef): string {
  if (ref.digest) return ref.digest.slice('sha256:'.length);
  const s = `${ref.repository}:${ref.tag}`;
  let out = '';
  for (let block = 0; block < 8; block++) {
    let h = (0x811c9dc5 ^ Math.imul(block + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** containerStatuses[].imageID as containerd reports it: repository@sha256:digest. */
export function imageID(ref: ImageRef): string {
  return `${ref.repository}@sha256:${imageDigest(ref)}`;
}

/**
 * The app a container runs: its image's, except for images whose arguments pick one of several
 * (agnhost's `liveness` subcommand is the documentation's liveness server on 8080).
 */
export function appOf(image: ImageInfo, c: { command?: string[]; args?: string[] }): ImageInfo {
  if (image.repository === 'registry.k8s.io/e2e-test-images/agnhost' && !c.command && c.args?.[0] === 'liveness') return { ...image, app: 'liveness', ports: [8080] };
  return image;
}

// The simulated applications' network behaviour, as pure functions of a context: what a container
// answers on a port, what it logs at start and per request, and what curl and busybox wget print
// for an answer or a failure. The byte-exact texts come from the real images and tools (nginx
// 1.27, httpd 2.4, redis 7.4, the bootcamp's server.js, kelseyhightower/monolith:1.0.0 from
// udacity/ud615, traefik/whoami, hashicorp/http-echo, echoserver 1.10, agnhost netexec, curl
// 8.5.0, busybox 1.36 wget).
import { createHmac } from 'node:crypto';
import type { AppKind, ImageInfo } from './images.ts';

export interface AppContext {
  app: AppKind;
  podName: string;
  podIP: string;
  namespace: string;
  image: ImageInfo;
  tag: string;
  /**
   * Mutable per-pod app state, persisted by the caller. It is the process's memory: start each
   * run of the container with {} (a restart forgets toggled health, request counts, ...).
   */
  state: Record<string, any>;
  /** Milliseconds since the epoch. */
  now: number;
  /** CPUs of the node: nginx starts one worker per CPU (worker_processes auto). Default 2. */
  cpus?: number;
  /**
   * Files written into the container or its volumes: a file, null when the path lies on a mounted
   * volume that lacks it (the image's own file is hidden), undefined to fall back to the image.
   */
  files?: (path: string) => { content: string; mtime: number } | null | undefined;
}

export interface AppRequest {
  method: string;
  /** The request target as sent: path and query, e.g. /search?q=1. */
  path: string;
  port: number;
  /** The Host header. */
  host: string;
  /** Request headers besides Host; undefined means curl's defaults (User-Agent, Accept). */
  headers?: Record<string, string>;
  clientIP: string;
  /** The client's ephemeral port; derived from the clock when not given. */
  clientPort?: number;
}

/**
 * An answer. status 0 means the peer accepted the connection but did not speak HTTP: body holds
 * the bytes it sent before closing ('' = closed without a word), e.g. redis's RESP error.
 */
export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type AppReply = AppResponse | { refused: true };

export const CURL_USER_AGENT = 'curl/8.5.0';

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

// ---------------------------------------------------------------------------------------------
// Time formats

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

function parts(ms: number) {
  const d = new Date(ms);
  return {
    Y: d.getUTCFullYear(), M: d.getUTCMonth(), D: d.getUTCDate(), wd: d.getUTCDay(),
    hms: `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`, ms: d.getUTCMilliseconds(),
  };
}

/** RFC 1123, as in HTTP Date headers. */
const httpDate = (ms: number) => new Date(ms).toUTCString();

/** nginx's $time_local and Apache's %t: 22/Nov/2026:10:00:00 +0000. */
function clfTime(ms: number): string {
  const t = parts(ms);
  return `${p2(t.D)}/${MONTHS[t.M]}/${t.Y}:${t.hms} +0000`;
}

/** nginx's error log and Go's log package: 2026/11/22 10:00:00. */
function slashTime(ms: number): string {
  const t = parts(ms);
  return `${t.Y}/${p2(t.M + 1)}/${p2(t.D)} ${t.hms}`;
}

/** Apache's error log: Sun Nov 22 10:00:00.000000 2026. */
function apacheTime(ms: number): string {
  const t = parts(ms);
  return `${DAYS[t.wd]} ${MONTHS[t.M]} ${p2(t.D)} ${t.hms}.${String(t.ms * 1000).padStart(6, '0')} ${t.Y}`;
}

/** Redis's log: 22 Nov 2026 10:00:00.000. */
function redisTime(ms: number): string {
  const t = parts(ms);
  return `${p2(t.D)} ${MONTHS[t.M]} ${t.Y} ${t.hms}.${String(t.ms).padStart(3, '0')}`;
}

/** Go's time.Time.String(): 2026-11-22 10:00:00.123 +0000 UTC (fraction without trailing zeros). */
function goTime(ms: number): string {
  const t = parts(ms);
  const frac = t.ms ? `.${String(t.ms).padStart(3, '0').replace(/0+$/, '')}` : '';
  return `${t.Y}-${p2(t.M + 1)}-${p2(t.D)} ${t.hms}${frac} +0000 UTC`;
}

// ---------------------------------------------------------------------------------------------
// Requests

function splitTarget(target: string): { pathname: string; query: string } {
  const q = target.indexOf('?');
  return q < 0 ? { pathname: target, query: '' } : { pathname: target.slice(0, q), query: target.slice(q + 1) };
}

function requestHeaders(req: AppRequest): Record<string, string> {
  return req.headers ?? { 'User-Agent': CURL_USER_AGENT, Accept: '*/*' };
}

function header(req: AppRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(requestHeaders(req))) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** The client's port: given, or a stable pick from Linux's ephemeral range (32768..60999). */
function clientPort(req: AppRequest): number {
  if (req.clientPort !== undefined) return req.clientPort;
  let h = 0;
  for (const ch of `${req.clientIP} ${req.method} ${req.path}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return 32768 + (h % 28232);
}

/** Go canonical header key: content-type → Content-Type. */
const canonical = (k: string) => k.toLowerCase().replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

function response(status: number, headers: Record<string, string>, body: string, req: AppRequest): AppResponse {
  return { status, headers, body: req.method === 'HEAD' ? '' : body };
}

/** Does anything accept connections on this port? */
export function tcpConnect(ctx: AppContext, port: number): 'open' | 'refused' {
  return ctx.image.server && (ctx.image.ports ?? []).includes(port) ? 'open' : 'refused';
}

/**
 * What the container answers to an HTTP request on a port: { refused: true } when nothing
 * listens there. A non-HTTP server answers with status 0 (see AppResponse).
 */
export function httpRequest(ctx: AppContext, req: AppRequest): AppReply {
  if (tcpConnect(ctx, req.port) === 'refused') return { refused: true };
  switch (ctx.app) {
    case 'nginx':
      return nginx(ctx, req);
    case 'httpd':
      return httpd(ctx, req);
    case 'bootcamp':
      return bootcamp(ctx, req);
    case 'monolith':
      return req.port === 81 ? monolithHealth(ctx, req) : monolith(ctx, req);
    case 'echo':
      return echo(ctx, req);
    case 'redis':
      return { status: 0, headers: {}, body: redisReply(req.method) };
    case 'liveness':
      return livenessServer(ctx, req);
    case 'generic':
      // A database or cache that does not speak HTTP: it hangs up on the request.
      return { status: 0, headers: {}, body: '' };
  }
}

// ---------------------------------------------------------------------------------------------
// The documentation's liveness server (agnhost liveness, registry.k8s.io/liveness): /healthz
// answers 200 for its first 10 seconds, 500 after.

function livenessServer(ctx: AppContext, req: AppRequest): AppReply {
  const seconds = (ctx.now - (ctx.state.startedAt ?? ctx.now)) / 1000;
  const reply = (status: number, body: string): AppReply => ({
    status,
    headers: { Date: new Date(ctx.now).toUTCString(), 'Content-Length': String(byteLength(body)), 'Content-Type': 'text/plain; charset=utf-8' },
    body,
  });
  const path = req.path.split('?')[0];
  if (path === '/healthz') return seconds > 10 ? reply(500, `error: ${seconds}`) : reply(200, 'ok');
  if (path === '/started') return reply(200, `${seconds}s`);
  return reply(404, '404 page not found\n');
}

/** Whether an app's health changes with time alone (its probes must keep running to notice). */
export const healthChangesWithTime = (app: AppKind) => app === 'liveness';

// ---------------------------------------------------------------------------------------------
// nginx

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_DEFAULT = '1.27.3';
/** The last patch release of each minor line, for tags like 1.25 or 1.25-alpine. */
const NGINX_MINORS: Record<string, string> = {
  '1.27': '1.27.3', '1.26': '1.26.2', '1.25': '1.25.5', '1.24': '1.24.0', '1.23': '1.23.4', '1.22': '1.22.1',
  '1.21': '1.21.6', '1.20': '1.20.2', '1.19': '1.19.10',
};
/** index.html's mtime in the official images, as their Last-Modified and ETag show it. */
const NGINX_INDEX_MTIME: Record<string, number> = { '1.27.3': 0x6745ef54, '1.25.3': 0x6537cac7 };

export function nginxVersion(tag: string): string {
  const full = /^(\d+\.\d+\.\d+)(?:-|$)/.exec(tag);
  if (full) return full[1];
  const minor = /^(\d+\.\d+)(?:-|$)/.exec(tag);
  if (minor) return NGINX_MINORS[minor[1]] ?? `${minor[1]}.0`;
  if (tag.startsWith('stable')) return NGINX_MINORS['1.26'];
  return NGINX_DEFAULT;
}

function nginxIndexMtime(version: string): number {
  const known = NGINX_INDEX_MTIME[version];
  if (known !== undefined) return known;
  // Unknown builds get a stable made-up time in 2019..2024.
  let h = 0x811c9dc5;
  for (const ch of version) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return 1_546_300_800 + (h % 189_216_000);
}

function nginxErrorPage(status: number, version: string): string {
  const title = `${status} ${status === 405 ? 'Not Allowed' : REASONS[status]}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

const CONTENT_TYPES: Record<string, string> = { html: 'text/html', htm: 'text/html', txt: 'text/plain', css: 'text/css', js: 'application/javascript', json: 'application/json', xml: 'text/xml', png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml' };

/**
 * A file the server would send from its document root, if something wrote it there:
 * ['file', ...] | ['forbidden'] (a directory without an index) | ['missing'] | undefined (the image's own files decide).
 */
function fromDocroot(ctx: AppContext, docroot: string, index: string, pathname: string): ['file', { content: string; mtime: number }, string] | ['forbidden'] | ['missing'] | undefined {
  if (!ctx.files) return undefined;
  const path = `${docroot}${pathname.endsWith('/') ? `${pathname}${index}` : pathname}`;
  const found = ctx.files(path);
  if (found) return ['file', found, CONTENT_TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream'];
  if (found === null) return pathname.endsWith('/') ? ['forbidden'] : ['missing'];
  return undefined;
}

function nginx(ctx: AppContext, req: AppRequest): AppResponse {
  const version = nginxVersion(ctx.tag);
  const { pathname } = splitTarget(req.path);
  const date = httpDate(ctx.now);
  const written = fromDocroot(ctx, '/usr/share/nginx/html', 'index.html', pathname);
  const isIndex = pathname === '/' || pathname === '/index.html';
  let status = written?.[0] === 'forbidden' ? 403 : written?.[0] === 'missing' || (!written && !isIndex) ? 404 : 200;
  if (status === 200 && req.method !== 'GET' && req.method !== 'HEAD') status = 405;
  if (status !== 200) {
    const page = nginxErrorPage(status, version);
    const headers = { Server: `nginx/${version}`, Date: date, 'Content-Type': 'text/html', 'Content-Length': String(byteLength(page)), Connection: 'keep-alive' };
    return response(status, headers, page, req);
  }
  const [body, mtime, type] = written?.[0] === 'file' ? [written[1].content, Math.floor(written[1].mtime / 1000), written[2]] : [NGINX_INDEX, nginxIndexMtime(version), 'text/html'];
  const size = byteLength(body);
  return response(200, {
    Server: `nginx/${version}`,
    Date: date,
    'Content-Type': type,
    'Content-Length': String(size),
    'Last-Modified': httpDate(mtime * 1000),
    Connection: 'keep-alive',
    ETag: `"${mtime.toString(16)}-${size.toString(16)}"`,
    'Accept-Ranges': 'bytes',
  }, body, req);
}

// ---------------------------------------------------------------------------------------------
// httpd

const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';
const HTTPD_404 = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

export function httpdVersion(tag: string): string {
  return /^(\d+\.\d+\.\d+)(?:-|$)/.exec(tag)?.[1] ?? '2.4.62';
}

function httpd(ctx: AppContext, req: AppRequest): AppResponse {
  const { pathname } = splitTarget(req.path);
  const common = { Date: httpDate(ctx.now), Server: `Apache/${httpdVersion(ctx.tag)} (Unix)` };
  const written = fromDocroot(ctx, '/usr/local/apache2/htdocs', 'index.html', pathname);
  if (written?.[0] === 'file') {
    const [, file, type] = written;
    const size = byteLength(file.content);
    return response(200, {
      ...common,
      'Last-Modified': httpDate(Math.floor(file.mtime / 1000) * 1000),
      ETag: `"${size.toString(16)}-${(file.mtime * 1000).toString(16)}"`,
      'Accept-Ranges': 'bytes',
      'Content-Length': String(size),
      'Content-Type': type,
    }, file.content, req);
  }
  if (written || (pathname !== '/' && pathname !== '/index.html')) {
    return response(404, { ...common, 'Content-Length': String(byteLength(HTTPD_404)), 'Content-Type': 'text/html; charset=iso-8859-1' }, HTTPD_404, req);
  }
  return response(200, {
    ...common,
    'Last-Modified': 'Mon, 11 Jun 2007 18:53:14 GMT',
    ETag: '"2d-432a5e4a73a80"',
    'Accept-Ranges': 'bytes',
    'Content-Length': String(byteLength(HTTPD_INDEX)),
    'Content-Type': 'text/html',
  }, HTTPD_INDEX, req);
}

// ---------------------------------------------------------------------------------------------
// The Kubernetes bootcamp (node 6 http server)

function bootcamp(ctx: AppContext, req: AppRequest): AppResponse {
  ctx.state.requests = (ctx.state.requests ?? 0) + 1;
  const version = ctx.image.version?.(ctx.tag) ?? '1';
  const body = `Hello Kubernetes bootcamp! | Running on: ${ctx.podName} | v=${version}\n`;
  return response(200, { 'Content-Type': 'text/plain', Date: httpDate(ctx.now), Connection: 'keep-alive', 'Transfer-Encoding': 'chunked' }, body, req);
}

// ---------------------------------------------------------------------------------------------
// kelseyhightower/monolith:1.0.0 (Go 1.6 net/http: Date and Content-Length after the handler's
// headers, a sniffed Content-Type last; no X-Content-Type-Options yet)

const MONOLITH_SECRET = 'secret';
const MONOLITH_USERS: Record<string, { password: string; email: string }> = { user: { password: 'password', email: 'user@example.com' } };

function goResponse(ctx: AppContext, req: AppRequest, status: number, body: string, extra: Record<string, string> = {}): AppResponse {
  const headers: Record<string, string> = { ...extra, Date: httpDate(ctx.now), 'Content-Length': String(byteLength(body)) };
  if (body && !extra['Content-Type']) headers['Content-Type'] = 'text/plain; charset=utf-8';
  return response(status, headers, body, req);
}

const goError = (ctx: AppContext, req: AppRequest, status: number, message: string) =>
  goResponse(ctx, req, status, `${message}\n`, { 'Content-Type': 'text/plain; charset=utf-8' });

function monolithHealth(ctx: AppContext, req: AppRequest): AppResponse {
  const healthy = ctx.state.healthy ?? true;
  const ready = ctx.state.ready ?? true;
  switch (splitTarget(req.path).pathname) {
    case '/healthz':
      return goResponse(ctx, req, healthy ? 200 : 503, '');
    case '/readiness':
      return goResponse(ctx, req, ready ? 200 : 503, '');
    case '/healthz/status':
      ctx.state.healthy = !healthy;
      return goResponse(ctx, req, 200, '');
    case '/readiness/status':
      ctx.state.ready = !ready;
      return goResponse(ctx, req, 200, '');
    default:
      return goError(ctx, req, 404, '404 page not found');
  }
}

const base64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const sign = (data: string) => createHmac('sha256', MONOLITH_SECRET).update(data).digest('base64url');

/** The JWT the monolith's /login hands out (jwt-go: claims in key order, valid 72 hours). */
function monolithToken(user: string, now: number): string {
  const iat = Math.floor(now / 1000);
  const claims = { email: MONOLITH_USERS[user].email, exp: iat + 72 * 3600, iat, iss: 'auth.service', sub: user };
  const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${sign(unsigned)}`;
}

function validToken(token: string, now: number): boolean {
  const [h, c, s] = token.split('.');
  if (!h || !c || s === undefined || sign(`${h}.${c}`) !== s) return false;
  try {
    const claims = JSON.parse(Buffer.from(c, 'base64url').toString());
    return typeof claims.exp !== 'number' || claims.exp > now / 1000;
  } catch {
    return false;
  }
}

function monolith(ctx: AppContext, req: AppRequest): AppResponse {
  const { pathname, query } = splitTarget(req.path);
  const hello = () => goResponse(ctx, req, 200, '{"message":"Hello"}\n');
  const denied = () => goError(ctx, req, 401, 'authorization failed');
  switch (pathname) {
    case '/login': {
      const m = /^Basic (.+)$/i.exec(header(req, 'Authorization') ?? '');
      if (!m) return denied();
      const [user, ...rest] = Buffer.from(m[1], 'base64').toString().split(':');
      if (MONOLITH_USERS[user]?.password !== rest.join(':')) return denied();
      return goResponse(ctx, req, 200, `{"token":"${monolithToken(user, ctx.now)}"}\n`);
    }
    case '/secure': {
      const bearer = /^Bearer (.+)$/i.exec(header(req, 'Authorization') ?? '')?.[1];
      const token = bearer ?? new URLSearchParams(query).get('access_token') ?? '';
      return validToken(token, ctx.now) ? hello() : denied();
    }
    case '/version':
      return goResponse(ctx, req, 200, '{"version":"1.0.0"}\n');
    default:
      return hello();
  }
}

// ---------------------------------------------------------------------------------------------
// Echo servers

type EchoFlavour = 'whoami' | 'http-echo' | 'echoserver' | 'agnhost';

function echoFlavour(image: ImageInfo): EchoFlavour {
  if (image.repository.endsWith('/whoami')) return 'whoami';
  if (image.repository.endsWith('/http-echo')) return 'http-echo';
  if (image.repository.endsWith('/echoserver')) return 'echoserver';
  return 'agnhost';
}

function echo(ctx: AppContext, req: AppRequest): AppResponse {
  const { pathname, query } = splitTarget(req.path);
  const headers = requestHeaders(req);
  switch (echoFlavour(ctx.image)) {
    case 'whoami': {
      // whoami prints the request with Go's Request.Write: Host, User-Agent, then the rest sorted.
      const ua = header(req, 'User-Agent');
      const rest = Object.entries(headers)
        .filter(([k]) => !['host', 'user-agent', 'content-length', 'transfer-encoding'].includes(k.toLowerCase()))
        .map(([k, v]) => `${canonical(k)}: ${v}\r\n`)
        .sort();
      const body = `Hostname: ${ctx.podName}\nIP: 127.0.0.1\nIP: ${ctx.podIP}\nRemoteAddr: ${req.clientIP}:${clientPort(req)}\n`
        + `${req.method} ${req.path} HTTP/1.1\r\nHost: ${req.host}\r\n${ua ? `User-Agent: ${ua}\r\n` : ''}${rest.join('')}\r\n`;
      return goResponse(ctx, req, 200, body);
    }
    case 'http-echo': {
      const version = /^\d+\.\d+\.\d+/.exec(ctx.tag)?.[0] ?? '1.0.0';
      const body = pathname === '/health' ? '{"status":"ok"}\n' : 'hello-world\n';
      return goResponse(ctx, req, 200, body, { 'X-App-Name': 'http-echo', 'X-App-Version': version });
    }
    case 'echoserver': {
      const hostOnly = req.host.replace(/:\d+$/, '');
      const listed = Object.entries({ host: req.host, ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) })
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `\t${k}=${v}\n`)
        .join('');
      const body = `\n\nHostname: ${ctx.podName}\n\nPod Information:\n\t-no pod information available-\n\n`
        + 'Server values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n'
        + `Request Information:\n\tclient_address=${req.clientIP}\n\tmethod=${req.method}\n\treal path=${req.path}\n\tquery=${query}\n`
        + `\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://${hostOnly}:${req.port}${req.path}\n\n`
        + `Request Headers:\n${listed}\nRequest Body:\n\t-no body in request-\n\n`;
      return response(200, { Server: 'echoserver', Date: httpDate(ctx.now), 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', Connection: 'keep-alive' }, body, req);
    }
    case 'agnhost': {
      // agnhost netexec's handlers.
      const params = new URLSearchParams(query);
      switch (pathname) {
        case '/hostname':
          return goResponse(ctx, req, 200, ctx.podName);
        case '/clientip':
          return goResponse(ctx, req, 200, `${req.clientIP}:${clientPort(req)}`);
        case '/echo':
          return goResponse(ctx, req, 200, params.get('msg') ?? '');
        case '/healthz':
          return goResponse(ctx, req, 200, '');
        default: {
          const uptime = (ctx.now - (ctx.state.startedAt ?? ctx.now)) / 1000;
          return goResponse(ctx, req, 200, `NOW: ${goTime(ctx.now)} m=+${uptime.toFixed(9)}`);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// redis: reads "GET / HTTP/1.1" as an inline command, answers it, then aborts on the Host: line.

function redisReply(method: string): string {
  if (method === 'POST') return '';
  if (method === 'GET') return "-ERR wrong number of arguments for 'get' command\r\n";
  return `-ERR unknown command '${method}', with args beginning with: '/' 'HTTP/1.1' \r\n`;
}

const REDIS_DEFAULT = '7.4.1';
const REDIS_LINES: Record<string, string> = {
  '7': REDIS_DEFAULT, '7.4': REDIS_DEFAULT, '7.2': '7.2.6', '7.0': '7.0.15', '6': '6.2.16', '6.2': '6.2.16', '6.0': '6.0.20', '5': '5.0.14', '5.0': '5.0.14',
};

export function redisVersion(tag: string): string {
  const full = /^(\d+\.\d+\.\d+)(?:-|$)/.exec(tag);
  if (full) return full[1];
  const line = /^(\d+(?:\.\d+)?)(?:-|$)/.exec(tag);
  return (line && REDIS_LINES[line[1]]) || REDIS_DEFAULT;
}

const versionAtLeast = (v: string, major: number, minor: number) => {
  const [a, b] = v.split('.').map(Number);
  return a > major || (a === major && b >= minor);
};

// ---------------------------------------------------------------------------------------------
// Logs

/**
 * The line the container writes to its log for a request it answered, '' for none. May update
 * ctx.state (redis logs its security warning at most once a minute).
 */
export function accessLogLine(ctx: AppContext, req: AppRequest, res: AppReply): string {
  if ('refused' in res) return '';
  const ua = header(req, 'User-Agent') ?? '-';
  const bytes = byteLength(res.body);
  const requestLine = `${req.method} ${req.path} HTTP/1.1`;
  switch (ctx.app) {
    case 'nginx':
      return `${req.clientIP} - - [${clfTime(ctx.now)}] "${requestLine}" ${res.status} ${bytes} "${header(req, 'Referer') ?? '-'}" "${ua}" "${header(req, 'X-Forwarded-For') ?? '-'}"`;
    case 'httpd':
      return `${req.clientIP} - - [${clfTime(ctx.now)}] "${requestLine}" ${res.status} ${bytes || '-'}`;
    case 'bootcamp': {
      const uptime = (ctx.now - (ctx.state.startedAt ?? ctx.now)) / 1000;
      return `Running On: ${ctx.podName} | Total Requests: ${ctx.state.requests ?? 1} | App Uptime: ${uptime} seconds | Log Time: ${new Date(ctx.now).toISOString()}`;
    }
    case 'monolith':
      return `${req.clientIP}:${clientPort(req)} - - [${goTime(ctx.now)}] "${req.method} ${splitTarget(req.path).pathname} HTTP/1.1" ${header(req, 'User-Agent') ?? ''}`;
    case 'echo':
      if (echoFlavour(ctx.image) !== 'echoserver') return '';
      return `${req.clientIP} - - [${clfTime(ctx.now)}] "${requestLine}" ${res.status} ${bytes} "${header(req, 'Referer') ?? '-'}" "${ua}"`;
    case 'redis': {
      if (ctx.state.securityWarnedAt !== undefined && Math.abs(ctx.now - ctx.state.securityWarnedAt) <= 60_000) return '';
      ctx.state.securityWarnedAt = ctx.now;
      return `1:M ${redisTime(ctx.now)} # Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from ${req.clientIP}:${clientPort(req)} aborted.`;
    }
    case 'liveness':
    case 'generic':
      return '';
  }
}

/**
 * What the container prints as it starts, one entry per line (no newlines); ctx.now is the start.
 * Records the start in ctx.state.startedAt (apps that report their uptime need it).
 */
export function startupLogs(ctx: AppContext): string[] {
  ctx.state.startedAt ??= ctx.now;
  switch (ctx.app) {
    case 'nginx':
      return nginxStartup(ctx);
    case 'httpd': {
      const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
      const t = apacheTime(ctx.now);
      return [
        fqdn,
        fqdn,
        `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${httpdVersion(ctx.tag)} (Unix) configured -- resuming normal operations`,
        `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
      ];
    }
    case 'bootcamp':
      // console.log("...Started At:", startTime, "| Running On: ", host, "\n"): the "\n" argument
      // leaves a space at the end and a blank line after.
      return [`Kubernetes Bootcamp App Started At: ${new Date(ctx.now).toISOString()} | Running On:  ${ctx.podName} `, ''];
    case 'monolith': {
      const t = slashTime(ctx.now);
      return [`${t} Starting server...`, `${t} Health service listening on 0.0.0.0:81`, `${t} HTTP service listening on 0.0.0.0:80`];
    }
    case 'redis':
      return redisStartup(ctx);
    case 'echo': {
      const t = slashTime(ctx.now);
      const port = ctx.image.ports?.[0] ?? 80;
      const flavour = echoFlavour(ctx.image);
      if (flavour === 'whoami') return [`${t} Starting up on port ${port}`];
      if (flavour === 'http-echo') return [`${t} [INFO] server is listening on :${port}`];
      return [];
    }
    case 'liveness':
    case 'generic':
      return [];
  }
}

function nginxStartup(ctx: AppContext): string[] {
  const version = nginxVersion(ctx.tag);
  const [, minor] = version.split('.').map(Number);
  const alpine = ctx.tag.includes('alpine');
  // configure records `gcc -v`'s version line, trailing space included.
  const compiler = alpine ? 'gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ' : minor >= 25 ? 'gcc 12.2.0 (Debian 12.2.0-14) ' : 'gcc 10.2.1 20210110 (Debian 10.2.1-6) ';
  const e = '/docker-entrypoint.sh';
  const t = `${slashTime(ctx.now)} [notice] 1#1:`;
  const workers = Array.from({ length: ctx.cpus ?? 2 }, (_, i) => `${t} start worker process ${29 + i}`);
  return [
    `${e}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
    `${e}: Looking for shell scripts in /docker-entrypoint.d/`,
    `${e}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    ...(minor >= 25 ? [`${e}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`] : []),
    `${e}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
    `${e}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
    `${e}: Configuration complete; ready for start up`,
    `${t} using the "epoll" event method`,
    `${t} nginx/${version}`,
    `${t} built by ${compiler}`,
    `${t} OS: Linux 5.15.0-130-generic`,
    `${t} getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} start worker processes`,
    ...workers,
  ];
}

function redisStartup(ctx: AppContext): string[] {
  const version = redisVersion(ctx.tag);
  const t = redisTime(ctx.now);
  // 7.2 moved the banner and "Server initialized" from warning (#) to notice (*) level.
  const modern = versionAtLeast(version, 7, 2);
  const banner = modern ? '*' : '#';
  return [
    `1:C ${t} ${banner} oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    `1:C ${t} ${banner} Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
    `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
    ...(versionAtLeast(version, 6, 2) ? [`1:M ${t} * monotonic clock: POSIX clock_gettime`] : []),
    `1:M ${t} * Running mode=standalone, port=6379.`,
    `1:M ${t} ${banner} Server initialized`,
    `1:M ${t} * Ready to accept connections${modern ? ' tcp' : ''}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// curl 8.5.0

export interface CurlOptions {
  /** -v: the connection and both header blocks on stderr. */
  verbose?: boolean;
  /** -i: the status line and headers before the body. */
  include?: boolean;
  /** -s: no progress meter, no error message (unless showError). */
  silent?: boolean;
  /** -S: error messages even with -s. */
  showError?: boolean;
  /** -I: a HEAD request; prints the headers only (pass the response to the HEAD request). */
  headOnly?: boolean;
  /** -f: HTTP errors (>= 400) print nothing and exit 22. */
  fail?: boolean;
  /** -w: only %{http_code} and the \n, \r, \t escapes are understood. */
  writeOut?: string;
  /** -o: the body goes to this file instead of stdout (/dev/null discards it). */
  output?: string;
  /**
   * Whether curl's stdout is a terminal (kubectl exec -t). When it is not, curl shows its progress
   * meter on stderr (unless -s), and -v notes "{ [N bytes data]". Default true: no meter.
   */
  tty?: boolean;
  /** How long the transfer took (progress meter figures). Default 1. */
  elapsedMs?: number;
  /** What was asked of whom, for -v: host as in the URL, ip:port connected to. */
  request?: { method: string; host: string; ip: string; port: number; path: string; headers?: Record<string, string> };
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** A file the command wrote (curl -o FILE, wget without -O-). */
  saved?: { path: string; content: string };
}

/** curl's max5data: a size or speed in five characters. */
function max5(n: number): string {
  if (n < 100_000) return String(n).padStart(5);
  if (n < 10_000 * 1024) return `${String(Math.floor(n / 1024)).padStart(4)}k`;
  if (n < 100 * 1024 * 1024) {
    const mb = n / (1024 * 1024);
    return `${String(Math.floor(mb)).padStart(2)}.${Math.floor((mb * 10) % 10)}M`;
  }
  return `${String(Math.floor(n / (1024 * 1024))).padStart(4)}M`;
}

function time2str(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.floor(seconds / 3600);
  return `${String(h).padStart(2)}:${p2(Math.floor(seconds / 60) % 60)}:${p2(seconds % 60)}`;
}

/** The progress meter as it stands when curl finishes (the \r-rewritten updates left out). */
function progressMeter(total: number, received: number, elapsedMs: number): string {
  const pct = (part: number) => String(total > 0 ? Math.floor((part * 100) / total) : 0).padStart(3);
  const speed = elapsedMs > 0 ? Math.floor((received * 1000) / elapsedMs) : received;
  const spent = Math.floor(elapsedMs / 1000);
  return '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
    + '                                 Dload  Upload   Total   Spent    Left  Speed\n'
    + `${pct(received)} ${max5(total)}  ${pct(received)} ${max5(received)}    0 ${max5(0)}  ${max5(speed)}  ${max5(0)} `
    + `${time2str(received < total ? 0 : spent)} ${time2str(spent)} ${time2str(0)} ${max5(speed)}\n`;
}

function writeOut(format: string | undefined, status: number): string {
  if (format === undefined) return '';
  return format
    .replace(/%\{http_code\}/g, String(status).padStart(3, '0'))
    .replace(/\\([nrt\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '\\': '\\' })[c]!);
}

const statusLine = (status: number) => `HTTP/1.1 ${status} ${REASONS[status] ?? ''}`.trimEnd();
const headerBlock = (res: AppResponse) => [statusLine(res.status), ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`)];

function curlVerbosePrologue(req: NonNullable<CurlOptions['request']>, method: string): string {
  const headers = req.headers ?? { 'User-Agent': CURL_USER_AGENT, Accept: '*/*' };
  const sent = [`${method} ${req.path} HTTP/1.1`, `Host: ${req.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), ''];
  return `*   Trying ${req.ip}:${req.port}...\n* Connected to ${req.host.replace(/:\d+$/, '')} (${req.ip}) port ${req.port}\n`
    + sent.map((l) => `> ${l}\r\n`).join('');
}

function curlFailure(code: number, message: string, opts: CurlOptions, stderrSoFar = ''): CommandOutput {
  const quiet = opts.silent && !opts.showError;
  return { stdout: writeOut(opts.writeOut, 0), stderr: stderrSoFar + (quiet ? '' : `curl: (${code}) ${message}\n`), exitCode: code };
}

/** What curl prints for an answer. */
export function curlOutput(res: AppResponse, opts: CurlOptions = {}): CommandOutput {
  const tty = opts.tty ?? true;
  const toFile = opts.output !== undefined && opts.output !== '-';
  const meter = !opts.silent && (!tty || toFile);
  const method = opts.headOnly ? 'HEAD' : (opts.request?.method ?? 'GET');
  let stderr = opts.verbose && opts.request ? curlVerbosePrologue(opts.request, method) : '';

  if (res.status === 0) {
    const message = res.body ? 'Received HTTP/0.9 when not allowed' : 'Empty reply from server';
    if (opts.verbose) stderr += `* ${message}\n* Closing connection\n`;
    const out = curlFailure(res.body ? 1 : 52, message, opts, stderr);
    if (meter) out.stderr = progressMeter(0, 0, opts.elapsedMs ?? 1) + out.stderr;
    return out;
  }

  const head = headerBlock(res);
  if (opts.verbose) stderr += [...head, ''].map((l) => `< ${l}\r\n`).join('');
  if (opts.fail && res.status >= 400) {
    if (opts.verbose) stderr += `* The requested URL returned error: ${res.status}\n* Closing connection\n`;
    return curlFailure(22, `The requested URL returned error: ${res.status}`, opts, stderr);
  }

  const body = opts.headOnly ? '' : res.body;
  const received = byteLength(body);
  if (opts.verbose && !tty && received) stderr += `{ [${received} bytes data]\n`;
  if (opts.verbose && opts.request) stderr += `* Connection #0 to host ${opts.request.host.replace(/:\d+$/, '')} left intact\n`;
  if (meter) {
    const total = Number(res.headers['Content-Length'] ?? received);
    stderr = progressMeter(opts.headOnly ? 0 : total, received, opts.elapsedMs ?? 1) + stderr;
  }

  const headerText = opts.include || opts.headOnly ? [...head, ''].map((l) => `${l}\r\n`).join('') : '';
  const document = headerText + body;
  const out: CommandOutput = { stdout: (toFile ? '' : document) + writeOut(opts.writeOut, res.status), stderr, exitCode: 0 };
  if (toFile && opts.output !== '/dev/null') out.saved = { path: opts.output!, content: document };
  return out;
}

export type ConnectFailure = 'refused' | 'timeout' | 'resolve';

/** What curl prints when it gets no answer at all; elapsedMs is how long it tried. */
/**
 * curl's failure. `limit`: which timeout ended a connection that got no answer — -m/--max-time
 * (the whole transfer), --connect-timeout, or none (the kernel gives up after its SYN retries).
 */
export function curlError(kind: ConnectFailure, host: string, port: number, elapsedMs: number, opts: CurlOptions = {}, limit: 'max-time' | 'connect' | 'none' = 'connect'): CommandOutput {
  const ms = Math.round(elapsedMs);
  const [code, message] = kind === 'resolve'
    ? [6, `Could not resolve host: ${host}`]
    : kind === 'refused'
      ? [7, `Failed to connect to ${host} port ${port} after ${ms} ms: Couldn't connect to server`]
      : limit === 'max-time'
        ? [28, `Connection timed out after ${ms} milliseconds`]
        : [28, `Failed to connect to ${host} port ${port} after ${ms} ms: ${limit === 'none' ? "Couldn't connect to server" : 'Timeout was reached'}`];
  const out = curlFailure(code, message, opts);
  if (!opts.silent && !(opts.tty ?? true)) out.stderr = progressMeter(0, 0, ms) + out.stderr;
  return out;
}

// ---------------------------------------------------------------------------------------------
// busybox 1.36 wget

export interface WgetOptions {
  /** Host as written in the URL, with :port when one was given (shown in "Connecting to"). */
  host: string;
  /** The address connected to, and the port. */
  ip: string;
  port: number;
  path: string;
  /** -q */
  quiet?: boolean;
  /** -O: '-' for stdout; default: the last path segment, or index.html. */
  output?: string;
  /** -S: the response headers on stderr. */
  serverResponse?: boolean;
  /** --spider: only check the file is there. */
  spider?: boolean;
}

function wgetFileName(path: string): string {
  const name = splitTarget(path).pathname.split('/').pop();
  return name || 'index.html';
}

/** What busybox wget prints for an answer. */
export function wgetOutput(res: AppResponse, opts: WgetOptions): CommandOutput {
  let stderr = opts.quiet ? '' : `Connecting to ${opts.host} (${opts.ip}:${opts.port})\n`;
  const fail = (message: string): CommandOutput => ({ stdout: '', stderr: `${stderr}wget: ${message}\n`, exitCode: 1 });
  if (res.status === 0) return fail(res.body ? `server returned error: ${res.body.replace(/\r?\n$/, '')}` : 'error getting response');
  const ok = res.status >= 200 && res.status < 300;
  // -S echoes headers as they are read; an error status ends the reading at the status line.
  if (opts.serverResponse) stderr += (ok ? headerBlock(res) : [statusLine(res.status)]).map((l) => `  ${l}\n`).join('');
  if (!ok) return fail(`server returned error: ${statusLine(res.status)}`);
  if (opts.spider) return { stdout: '', stderr: stderr + (opts.quiet ? '' : 'remote file exists\n'), exitCode: 0 };

  const toStdout = opts.output === '-';
  const file = opts.output ?? wgetFileName(opts.path);
  if (!opts.quiet) {
    let size = byteLength(res.body);
    let unit = 0;
    while (size >= 100_000) {
      size = Math.floor(size / 1024);
      unit++;
    }
    const bar = `${(toStdout ? '-' : file).padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}|${String(size).padStart(6)}${' kMGT'[unit]} 0:00:00 ETA\n`;
    stderr += toStdout ? `writing to stdout\n${bar}written to stdout\n` : `saving to '${file}'\n${bar}'${file}' saved\n`;
  }
  const out: CommandOutput = { stdout: toStdout ? res.body : '', stderr, exitCode: 0 };
  if (!toStdout) out.saved = { path: file, content: res.body };
  return out;
}

/** What busybox wget prints when it gets no answer; timedOut-by-T failures say "download timed out". */
export function wgetError(kind: ConnectFailure, opts: Pick<WgetOptions, 'host' | 'ip' | 'port' | 'quiet'> & { timeoutFlag?: boolean }): CommandOutput {
  if (kind === 'resolve') return { stdout: '', stderr: `wget: bad address '${opts.host.replace(/:\d+$/, '')}'\n`, exitCode: 1 };
  const connecting = opts.quiet ? '' : `Connecting to ${opts.host} (${opts.ip}:${opts.port})\n`;
  const message = kind === 'refused'
    ? `can't connect to remote host (${opts.ip}): Connection refused`
    : opts.timeoutFlag ? 'download timed out' : `can't connect to remote host (${opts.ip}): Connection timed out`;
  return { stdout: '', stderr: `${connecting}wget: ${message}\n`, exitCode: 1 };
}

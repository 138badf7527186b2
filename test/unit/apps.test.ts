import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accessLogLine, curlError, curlOutput, httpRequest, startupLogs, tcpConnect, wgetError, wgetOutput,
  type AppContext, type AppReply, type AppRequest, type AppResponse,
} from '../../src/sim/apps.ts';
import { IMAGES, type AppKind } from '../../src/sim/images.ts';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const DATE = 'Sun, 22 Nov 2026 10:00:00 GMT';

function ctx(repository: string, tag: string, extra: Partial<AppContext> = {}): AppContext {
  const image = IMAGES.find((i) => i.repository === repository)!;
  return { app: image.app as AppKind, podName: 'web-7d4b9c-x2x9z', podIP: '10.244.1.5', namespace: 'default', image, tag, state: {}, now: NOW, ...extra };
}

const GET: AppRequest = { method: 'GET', path: '/', port: 80, host: '10.244.1.5', clientIP: '10.244.0.1', clientPort: 51234 };
const get = (c: AppContext, req: Partial<AppRequest> = {}) => httpRequest(c, { ...GET, ...req });
const answer = (reply: AppReply): AppResponse => {
  assert.ok(!('refused' in reply), 'expected an answer');
  return reply;
};

const NGINX = 'docker.io/library/nginx';
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
const NGINX_OK: AppResponse = {
  status: 200,
  headers: {
    Server: 'nginx/1.27.3', Date: DATE, 'Content-Type': 'text/html', 'Content-Length': '615',
    'Last-Modified': 'Tue, 26 Nov 2024 15:55:00 GMT', Connection: 'keep-alive', ETag: '"6745ef54-267"', 'Accept-Ranges': 'bytes',
  },
  body: NGINX_INDEX,
};
const NGINX_404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n';
const NOT_FOUND: AppResponse = {
  status: 404,
  headers: { Server: 'nginx/1.27.3', Date: DATE, 'Content-Type': 'text/html', 'Content-Length': '153', Connection: 'keep-alive' },
  body: NGINX_404,
};

test('nginx serves its welcome page on / and /index.html, a 404 page elsewhere, nothing on other ports', () => {
  const c = ctx(NGINX, 'latest');
  assert.deepEqual(get(c), NGINX_OK);
  assert.deepEqual(get(c, { path: '/index.html?x=1' }), NGINX_OK);
  assert.deepEqual(get(c, { path: '/healthz' }), NOT_FOUND);
  assert.deepEqual(get(c, { method: 'HEAD' }), { ...NGINX_OK, body: '' });
  assert.deepEqual(get(c, { port: 8080 }), { refused: true });
  assert.equal(tcpConnect(c, 80), 'open');
  assert.equal(tcpConnect(c, 443), 'refused');
  const post = answer(get(c, { method: 'POST' }));
  assert.deepEqual([post.status, post.body], [405, NGINX_404.replaceAll('404 Not Found', '405 Not Allowed')]);
});

test('nginx reports the version of its tag, with that build\'s index.html timestamps', () => {
  const res = answer(get(ctx(NGINX, '1.25.3-alpine')));
  assert.deepEqual(
    [res.headers.Server, res.headers['Last-Modified'], res.headers.ETag],
    ['nginx/1.25.3', 'Tue, 24 Oct 2023 13:46:47 GMT', '"6537cac7-267"'],
  );
  assert.equal(answer(get(ctx(NGINX, '1.25'))).headers.Server, 'nginx/1.25.5');
  assert.equal(answer(get(ctx(NGINX, 'stable'))).headers.Server, 'nginx/1.26.2');
  assert.equal(answer(get(ctx(NGINX, 'alpine'))).headers.Server, 'nginx/1.27.3');
});

test('nginx logs the combined format plus X-Forwarded-For', () => {
  const c = ctx(NGINX, 'latest');
  assert.equal(accessLogLine(c, GET, get(c)), '10.244.0.1 - - [22/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"');
  const wget = { ...GET, path: '/missing', headers: { 'User-Agent': 'Wget', Connection: 'close' } };
  assert.equal(accessLogLine(c, wget, get(c, wget)), '10.244.0.1 - - [22/Nov/2026:10:00:00 +0000] "GET /missing HTTP/1.1" 404 153 "-" "Wget" "-"');
  const head = { ...GET, method: 'HEAD' };
  assert.equal(accessLogLine(c, head, get(c, head)), '10.244.0.1 - - [22/Nov/2026:10:00:00 +0000] "HEAD / HTTP/1.1" 200 0 "-" "curl/8.5.0" "-"');
});

test('nginx start-up: the entrypoint scripts, then the master and one worker per CPU', () => {
  assert.deepEqual(startupLogs(ctx(NGINX, 'latest', { cpus: 2 })), [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    '2026/11/22 10:00:00 [notice] 1#1: using the "epoll" event method',
    '2026/11/22 10:00:00 [notice] 1#1: nginx/1.27.3',
    '2026/11/22 10:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
    '2026/11/22 10:00:00 [notice] 1#1: OS: Linux 5.15.0-130-generic',
    '2026/11/22 10:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    '2026/11/22 10:00:00 [notice] 1#1: start worker processes',
    '2026/11/22 10:00:00 [notice] 1#1: start worker process 29',
    '2026/11/22 10:00:00 [notice] 1#1: start worker process 30',
  ]);
  const old = startupLogs(ctx(NGINX, '1.24-alpine', { cpus: 1 }));
  assert.deepEqual(old.filter((l) => /resolvers|built by|worker process \d/.test(l)), [
    '2026/11/22 10:00:00 [notice] 1#1: built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ',
    '2026/11/22 10:00:00 [notice] 1#1: start worker process 29',
  ]);
});

const HTTPD = 'docker.io/library/httpd';

test('httpd: "It works!" on /, Apache\'s 404 page elsewhere, the common log format', () => {
  const c = ctx(HTTPD, '2.4');
  assert.deepEqual(get(c), {
    status: 200,
    headers: {
      Date: DATE, Server: 'Apache/2.4.62 (Unix)', 'Last-Modified': 'Mon, 11 Jun 2007 18:53:14 GMT', ETag: '"2d-432a5e4a73a80"',
      'Accept-Ranges': 'bytes', 'Content-Length': '45', 'Content-Type': 'text/html',
    },
    body: '<html><body><h1>It works!</h1></body></html>\n',
  });
  const missing = get(c, { path: '/nope' });
  assert.deepEqual(missing, {
    status: 404,
    headers: { Date: DATE, Server: 'Apache/2.4.62 (Unix)', 'Content-Length': '196', 'Content-Type': 'text/html; charset=iso-8859-1' },
    body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
  });
  assert.equal(accessLogLine(c, GET, get(c)), '10.244.0.1 - - [22/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 45');
  const head = { ...GET, method: 'HEAD' };
  assert.equal(accessLogLine(c, head, get(c, head)), '10.244.0.1 - - [22/Nov/2026:10:00:00 +0000] "HEAD / HTTP/1.1" 200 -');
});

test('httpd start-up: the ServerName warning twice, then the MPM and the command line', () => {
  assert.deepEqual(startupLogs(ctx(HTTPD, '2.4.58')), [
    "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.5. Set the 'ServerName' directive globally to suppress this message",
    "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.5. Set the 'ServerName' directive globally to suppress this message",
    '[Sun Nov 22 10:00:00.000000 2026] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.58 (Unix) configured -- resuming normal operations',
    "[Sun Nov 22 10:00:00.000000 2026] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
  ]);
});

test('the bootcamp answers every path with its pod and version, and logs each request with a running count', () => {
  const c = ctx('docker.io/jocatalin/kubernetes-bootcamp', 'v2', { podName: 'kubernetes-bootcamp-5b48cfdcbd-jh54n' });
  assert.deepEqual(startupLogs(c), ['Kubernetes Bootcamp App Started At: 2026-11-22T10:00:00.000Z | Running On:  kubernetes-bootcamp-5b48cfdcbd-jh54n ', '']);
  const later = { ...c, now: NOW + 7406 };
  const req = { ...GET, port: 8080, path: '/anything' };
  assert.deepEqual(httpRequest(later, req), {
    status: 200,
    headers: { 'Content-Type': 'text/plain', Date: 'Sun, 22 Nov 2026 10:00:07 GMT', Connection: 'keep-alive', 'Transfer-Encoding': 'chunked' },
    body: 'Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-5b48cfdcbd-jh54n | v=2\n',
  });
  assert.equal(accessLogLine(later, req, answer(httpRequest(later, req))),
    'Running On: kubernetes-bootcamp-5b48cfdcbd-jh54n | Total Requests: 2 | App Uptime: 7.406 seconds | Log Time: 2026-11-22T10:00:07.406Z');
  const v1 = ctx('gcr.io/google-samples/kubernetes-bootcamp', 'v1');
  assert.equal(answer(get(v1, { port: 8080 })).body, 'Hello Kubernetes bootcamp! | Running on: web-7d4b9c-x2x9z | v=1\n');
  assert.deepEqual(get(v1), { refused: true });
});

const MONOLITH = 'docker.io/kelseyhightower/monolith';
const goHeaders = (length: number, type = true) => ({ Date: DATE, 'Content-Length': String(length), ...(type ? { 'Content-Type': 'text/plain; charset=utf-8' } : {}) });

test('monolith health port: /healthz and /readiness follow the toggles at /healthz/status and /readiness/status', () => {
  const c = ctx(MONOLITH, '1.0.0');
  const health = (path: string) => answer(get(c, { port: 81, path })).status;
  assert.deepEqual(get(c, { port: 81, path: '/healthz' }), { status: 200, headers: goHeaders(0, false), body: '' });
  assert.deepEqual([health('/healthz'), health('/readiness')], [200, 200]);
  assert.deepEqual([health('/readiness/status'), health('/readiness'), health('/healthz')], [200, 503, 200]);
  assert.deepEqual([health('/healthz/status'), health('/healthz')], [200, 503]);
  assert.deepEqual([health('/readiness/status'), health('/healthz/status'), health('/readiness'), health('/healthz')], [200, 200, 200, 200]);
  assert.deepEqual(get(c, { port: 81, path: '/' }), {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', Date: DATE, 'Content-Length': '19' },
    body: '404 page not found\n',
  });
});

test('monolith: hello for anyone, a JWT from /login for user:password, /secure only with it', () => {
  const c = ctx(MONOLITH, '1.0.0');
  const denied = { status: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8', Date: DATE, 'Content-Length': '21' }, body: 'authorization failed\n' };
  const hello = { status: 200, headers: goHeaders(20), body: '{"message":"Hello"}\n' };
  const basic = (cred: string) => ({ Authorization: `Basic ${Buffer.from(cred).toString('base64')}` });
  assert.deepEqual(get(c), hello);
  assert.deepEqual(get(c, { path: '/version' }), { status: 200, headers: goHeaders(20), body: '{"version":"1.0.0"}\n' });
  assert.deepEqual(get(c, { path: '/secure' }), denied);
  assert.deepEqual(get(c, { path: '/login' }), denied);
  assert.deepEqual(get(c, { path: '/login', headers: basic('user:wrong') }), denied);

  const login = answer(get(c, { path: '/login', headers: basic('user:password') }));
  const token = JSON.parse(login.body).token as string;
  const [head, claims] = token.split('.').slice(0, 2).map((part) => Buffer.from(part, 'base64url').toString());
  assert.deepEqual([head, claims], [
    '{"alg":"HS256","typ":"JWT"}',
    '{"email":"user@example.com","exp":1795600800,"iat":1795341600,"iss":"auth.service","sub":"user"}',
  ]);
  assert.deepEqual(get(c, { path: '/secure', headers: { Authorization: `Bearer ${token}` } }), hello);
  assert.deepEqual(get(c, { path: `/secure?access_token=${token}` }), hello);
  assert.deepEqual(get(c, { path: '/secure', headers: { Authorization: `Bearer ${token}x` } }), denied);
  assert.deepEqual(httpRequest({ ...c, now: NOW + 73 * 3600_000 }, { ...GET, path: '/secure', headers: { Authorization: `Bearer ${token}` } }), { ...denied, headers: { ...denied.headers, Date: 'Wed, 25 Nov 2026 11:00:00 GMT' } });
});

test('monolith logs its start and every request, probes included', () => {
  const c = ctx(MONOLITH, '1.0.0');
  assert.deepEqual(startupLogs(c), [
    '2026/11/22 10:00:00 Starting server...',
    '2026/11/22 10:00:00 Health service listening on 0.0.0.0:81',
    '2026/11/22 10:00:00 HTTP service listening on 0.0.0.0:80',
  ]);
  const probe = { ...GET, port: 81, path: '/healthz', host: '10.244.1.5:81', clientIP: '10.244.1.1', clientPort: 40112, headers: { 'User-Agent': 'kube-probe/1.32' } };
  const at = { ...c, now: NOW + 1500 };
  assert.equal(accessLogLine(at, probe, get(at, probe)), '10.244.1.1:40112 - - [2026-11-22 10:00:01.5 +0000 UTC] "GET /healthz HTTP/1.1" kube-probe/1.32');
});

test('whoami echoes who it is and the request as Go writes it', () => {
  const c = ctx('docker.io/traefik/whoami', 'v1.10.3');
  const req = { ...GET, host: 'whoami', headers: { 'User-Agent': 'curl/8.5.0', Accept: '*/*', 'x-trace': 'abc' } };
  assert.deepEqual(httpRequest(c, req), {
    status: 200,
    headers: goHeaders(168),
    body: 'Hostname: web-7d4b9c-x2x9z\nIP: 127.0.0.1\nIP: 10.244.1.5\nRemoteAddr: 10.244.0.1:51234\n'
      + 'GET / HTTP/1.1\r\nHost: whoami\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\nX-Trace: abc\r\n\r\n',
  });
  assert.deepEqual(startupLogs(c), ['2026/11/22 10:00:00 Starting up on port 80']);
  assert.equal(accessLogLine(c, req, httpRequest(c, req)), '');
});

test('http-echo says hello-world; echoserver describes the request; agnhost netexec answers its handlers', () => {
  const echo = ctx('docker.io/hashicorp/http-echo', '1.0');
  assert.deepEqual(get(echo, { port: 5678 }), {
    status: 200,
    headers: { 'X-App-Name': 'http-echo', 'X-App-Version': '1.0.0', ...goHeaders(12) },
    body: 'hello-world\n',
  });
  assert.deepEqual(startupLogs(echo), ['2026/11/22 10:00:00 [INFO] server is listening on :5678']);

  const server = ctx('registry.k8s.io/echoserver', '1.10');
  const req = { ...GET, port: 8080, host: 'echo.default.svc:8080', path: '/a?b=c' };
  assert.deepEqual(httpRequest(server, req), {
    status: 200,
    headers: { Server: 'echoserver', Date: DATE, 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', Connection: 'keep-alive' },
    body: '\n\nHostname: web-7d4b9c-x2x9z\n\nPod Information:\n\t-no pod information available-\n\n'
      + 'Server values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n'
      + 'Request Information:\n\tclient_address=10.244.0.1\n\tmethod=GET\n\treal path=/a?b=c\n\tquery=b=c\n'
      + '\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://echo.default.svc:8080/a?b=c\n\n'
      + 'Request Headers:\n\taccept=*/*\n\thost=echo.default.svc:8080\n\tuser-agent=curl/8.5.0\n\n'
      + 'Request Body:\n\t-no body in request-\n\n',
  });
  assert.equal(accessLogLine(server, req, httpRequest(server, req)), '10.244.0.1 - - [22/Nov/2026:10:00:00 +0000] "GET /a?b=c HTTP/1.1" 200 437 "-" "curl/8.5.0"');

  const agnhost = ctx('registry.k8s.io/e2e-test-images/agnhost', '2.53', { state: { startedAt: NOW - 12_500 } });
  assert.deepEqual(
    ['/hostname', '/clientip', '/echo?msg=hi', '/'].map((path) => answer(get(agnhost, { path })).body),
    ['web-7d4b9c-x2x9z', '10.244.0.1:51234', 'hi', 'NOW: 2026-11-22 10:00:00 +0000 UTC m=+12.500000000'],
  );
});

const REDIS = 'docker.io/library/redis';

test('redis accepts the connection, answers the request line in RESP and hangs up', () => {
  const c = ctx(REDIS, 'latest');
  assert.equal(tcpConnect(c, 6379), 'open');
  assert.deepEqual(get(c), { refused: true });
  const req = { ...GET, port: 6379 };
  assert.deepEqual(httpRequest(c, req), { status: 0, headers: {}, body: "-ERR wrong number of arguments for 'get' command\r\n" });
  assert.deepEqual(httpRequest(c, { ...req, method: 'HEAD' }), { status: 0, headers: {}, body: "-ERR unknown command 'HEAD', with args beginning with: '/' 'HTTP/1.1' \r\n" });
  const warning = '1:M 22 Nov 2026 10:00:00.000 # Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. '
    + 'This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from 10.244.0.1:51234 aborted.';
  assert.equal(accessLogLine(c, req, httpRequest(c, req)), warning);
  assert.equal(accessLogLine({ ...c, now: NOW + 30_000 }, req, httpRequest(c, req)), '');
  assert.equal(accessLogLine({ ...c, now: NOW + 61_000 }, req, httpRequest(c, req)), warning.replace('10:00:00.000', '10:01:01.000'));
});

test('redis start-up banner, by version', () => {
  assert.deepEqual(startupLogs(ctx(REDIS, '7-alpine')), [
    '1:C 22 Nov 2026 10:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
    '1:C 22 Nov 2026 10:00:00.000 * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started',
    '1:C 22 Nov 2026 10:00:00.000 # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
    '1:M 22 Nov 2026 10:00:00.000 * monotonic clock: POSIX clock_gettime',
    '1:M 22 Nov 2026 10:00:00.000 * Running mode=standalone, port=6379.',
    '1:M 22 Nov 2026 10:00:00.000 * Server initialized',
    '1:M 22 Nov 2026 10:00:00.000 * Ready to accept connections tcp',
  ]);
  assert.deepEqual(startupLogs(ctx(REDIS, '6.2')).filter((l) => /Redis version|initialized|Ready/.test(l)), [
    '1:C 22 Nov 2026 10:00:00.000 # Redis version=6.2.16, bits=64, commit=00000000, modified=0, pid=1, just started',
    '1:M 22 Nov 2026 10:00:00.000 # Server initialized',
    '1:M 22 Nov 2026 10:00:00.000 * Ready to accept connections',
  ]);
});

test('generic images: nothing listens, except servers on their own ports, which do not speak HTTP', () => {
  const busybox = ctx('docker.io/library/busybox', 'latest');
  assert.deepEqual(get(busybox), { refused: true });
  assert.equal(tcpConnect(busybox, 80), 'refused');
  assert.deepEqual(startupLogs(busybox), []);
  const postgres = ctx('docker.io/library/postgres', '16');
  assert.equal(tcpConnect(postgres, 5432), 'open');
  assert.deepEqual(get(postgres, { port: 5432 }), { status: 0, headers: {}, body: '' });
  assert.deepEqual(get(postgres), { refused: true });
});

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
  + '                                 Dload  Upload   Total   Spent    Left  Speed\n';
const NGINX_HEAD = 'HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nDate: Sun, 22 Nov 2026 10:00:00 GMT\r\nContent-Type: text/html\r\n'
  + 'Content-Length: 615\r\nLast-Modified: Tue, 26 Nov 2024 15:55:00 GMT\r\nConnection: keep-alive\r\nETag: "6745ef54-267"\r\nAccept-Ranges: bytes\r\n\r\n';

test('curl prints the body; -i and -I add the headers; -o/-w print the code', () => {
  assert.deepEqual(curlOutput(NGINX_OK), { stdout: NGINX_INDEX, stderr: '', exitCode: 0 });
  assert.deepEqual(curlOutput(NGINX_OK, { include: true }), { stdout: NGINX_HEAD + NGINX_INDEX, stderr: '', exitCode: 0 });
  assert.deepEqual(curlOutput({ ...NGINX_OK, body: '' }, { headOnly: true, silent: true }), { stdout: NGINX_HEAD, stderr: '', exitCode: 0 });
  assert.deepEqual(curlOutput(NOT_FOUND, { silent: true, output: '/dev/null', writeOut: '%{http_code}\\n' }), { stdout: '404\n', stderr: '', exitCode: 0 });
  assert.deepEqual(curlOutput(NGINX_OK, { silent: true, output: 'page.html' }), { stdout: '', stderr: '', exitCode: 0, saved: { path: 'page.html', content: NGINX_INDEX } });
  assert.deepEqual(curlOutput(NOT_FOUND, { fail: true }), { stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n', exitCode: 22 });
  assert.deepEqual(curlOutput(NOT_FOUND, { fail: true, silent: true }), { stdout: '', stderr: '', exitCode: 22 });
});

test('curl shows its progress meter when stdout is not a terminal, unless -s', () => {
  assert.deepEqual(curlOutput(NGINX_OK, { tty: false }), {
    stdout: NGINX_INDEX,
    stderr: `${METER_HEAD}100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`,
    exitCode: 0,
  });
  assert.deepEqual(curlOutput(NGINX_OK, { tty: false, silent: true }), { stdout: NGINX_INDEX, stderr: '', exitCode: 0 });
  assert.equal(curlOutput(NGINX_OK, { output: '/dev/null', elapsedMs: 2000 }).stderr,
    `${METER_HEAD}100   615  100   615    0     0    307      0  0:00:02  0:00:02 --:--:--   307\n`);
});

test('curl -v: the connection, the request and the response headers on stderr', () => {
  const request = { method: 'GET', host: 'nginx', ip: '10.96.0.5', port: 80, path: '/' };
  assert.deepEqual(curlOutput(NGINX_OK, { verbose: true, silent: true, tty: false, request }), {
    stdout: NGINX_INDEX,
    stderr: '*   Trying 10.96.0.5:80...\n* Connected to nginx (10.96.0.5) port 80\n'
      + '> GET / HTTP/1.1\r\n> Host: nginx\r\n> User-Agent: curl/8.5.0\r\n> Accept: */*\r\n> \r\n'
      + NGINX_HEAD.split('\r\n').slice(0, -1).map((l) => `< ${l}\r\n`).join('')
      + '{ [615 bytes data]\n* Connection #0 to host nginx left intact\n',
    exitCode: 0,
  });
});

test('curl against something that is not HTTP', () => {
  assert.deepEqual(curlOutput({ status: 0, headers: {}, body: "-ERR wrong number of arguments for 'get' command\r\n" }),
    { stdout: '', stderr: 'curl: (1) Received HTTP/0.9 when not allowed\n', exitCode: 1 });
  assert.deepEqual(curlOutput({ status: 0, headers: {}, body: '' }, { silent: true, writeOut: '%{http_code}' }),
    { stdout: '000', stderr: '', exitCode: 52 });
  assert.deepEqual(curlOutput({ status: 0, headers: {}, body: '' }, { silent: true, showError: true }),
    { stdout: '', stderr: 'curl: (52) Empty reply from server\n', exitCode: 52 });
});

test('curl 8 connection errors and exit codes', () => {
  assert.deepEqual(curlError('refused', '10.96.0.5', 80, 0), { stdout: '', stderr: "curl: (7) Failed to connect to 10.96.0.5 port 80 after 0 ms: Couldn't connect to server\n", exitCode: 7 });
  assert.deepEqual(curlError('timeout', 'web', 8080, 5001), { stdout: '', stderr: 'curl: (28) Failed to connect to web port 8080 after 5001 ms: Timeout was reached\n', exitCode: 28 });
  assert.deepEqual(curlError('resolve', 'nginx', 80, 3), { stdout: '', stderr: 'curl: (6) Could not resolve host: nginx\n', exitCode: 6 });
  assert.deepEqual(curlError('resolve', 'nginx', 80, 3, { silent: true }), { stdout: '', stderr: '', exitCode: 6 });
  assert.deepEqual(curlError('refused', 'nginx', 80, 0, { tty: false }), {
    stdout: '',
    stderr: `${METER_HEAD}  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n`
      + "curl: (7) Failed to connect to nginx port 80 after 0 ms: Couldn't connect to server\n",
    exitCode: 7,
  });
});

test('busybox wget: saving, -O-, -q, -S, --spider', () => {
  const target = { host: 'nginx', ip: '10.96.0.5', port: 80, path: '/' };
  assert.deepEqual(wgetOutput(NGINX_OK, target), {
    stdout: '',
    stderr: "Connecting to nginx (10.96.0.5:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n",
    exitCode: 0,
    saved: { path: 'index.html', content: NGINX_INDEX },
  });
  assert.deepEqual(wgetOutput(NGINX_OK, { ...target, output: '-' }), {
    stdout: NGINX_INDEX,
    stderr: 'Connecting to nginx (10.96.0.5:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n',
    exitCode: 0,
  });
  assert.deepEqual(wgetOutput(NGINX_OK, { ...target, quiet: true, output: '-' }), { stdout: NGINX_INDEX, stderr: '', exitCode: 0 });
  assert.deepEqual(wgetOutput(NGINX_OK, { ...target, host: '10.96.0.5:80', spider: true, serverResponse: true }), {
    stdout: '',
    stderr: 'Connecting to 10.96.0.5:80 (10.96.0.5:80)\n  HTTP/1.1 200 OK\n  Server: nginx/1.27.3\n  Date: Sun, 22 Nov 2026 10:00:00 GMT\n  Content-Type: text/html\n'
      + '  Content-Length: 615\n  Last-Modified: Tue, 26 Nov 2024 15:55:00 GMT\n  Connection: keep-alive\n  ETag: "6745ef54-267"\n  Accept-Ranges: bytes\nremote file exists\n',
    exitCode: 0,
  });
  assert.equal(wgetOutput(NGINX_OK, { ...target, path: '/files/app.tar.gz?v=2', quiet: true }).saved?.path, 'app.tar.gz');
});

test('busybox wget: HTTP errors, non-HTTP peers and connection failures', () => {
  const target = { host: 'nginx', ip: '10.96.0.5', port: 80, path: '/x' };
  assert.deepEqual(wgetOutput(NOT_FOUND, target), { stdout: '', stderr: 'Connecting to nginx (10.96.0.5:80)\nwget: server returned error: HTTP/1.1 404 Not Found\n', exitCode: 1 });
  assert.deepEqual(wgetOutput(NOT_FOUND, { ...target, quiet: true, serverResponse: true }),
    { stdout: '', stderr: '  HTTP/1.1 404 Not Found\nwget: server returned error: HTTP/1.1 404 Not Found\n', exitCode: 1 });
  assert.deepEqual(wgetOutput({ status: 0, headers: {}, body: "-ERR wrong number of arguments for 'get' command\r\n" }, { ...target, quiet: true }),
    { stdout: '', stderr: "wget: server returned error: -ERR wrong number of arguments for 'get' command\n", exitCode: 1 });
  assert.deepEqual(wgetOutput({ status: 0, headers: {}, body: '' }, { ...target, quiet: true }), { stdout: '', stderr: 'wget: error getting response\n', exitCode: 1 });
  assert.deepEqual(wgetError('refused', target), { stdout: '', stderr: "Connecting to nginx (10.96.0.5:80)\nwget: can't connect to remote host (10.96.0.5): Connection refused\n", exitCode: 1 });
  assert.deepEqual(wgetError('timeout', { ...target, quiet: true, timeoutFlag: true }), { stdout: '', stderr: 'wget: download timed out\n', exitCode: 1 });
  assert.deepEqual(wgetError('timeout', { ...target, quiet: true }), { stdout: '', stderr: "wget: can't connect to remote host (10.96.0.5): Connection timed out\n", exitCode: 1 });
  assert.deepEqual(wgetError('resolve', { ...target, host: 'nginx:8080' }), { stdout: '', stderr: "wget: bad address 'nginx'\n", exitCode: 1 });
});

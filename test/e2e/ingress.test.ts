// Ingress: kubectl create ingress as kubectl 1.32 builds it (stored real outputs), the ingress-nginx
// addon (default class, address, Sync events), routing by host and path, 404/503 pages, describe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, ROOT, splitArgs } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

const DIR = join(ROOT, 'test', 'golden', 'kubectl', 'ingress');

/** A stored capture: `$ kubectl ...`, stdout, optionally `--- stderr` and its text, `--- exit N`. */
function parseCapture(text: string) {
  const lines = text.split('\n');
  const cmd = lines[0].replace(/^\$ kubectl /, '');
  const exitAt = lines.findIndex((l) => l.startsWith('--- exit '));
  const errAt = lines.indexOf('--- stderr');
  const body = (from: number, to: number) => (to > from ? `${lines.slice(from, to).join('\n')}\n` : '');
  return {
    args: splitArgs(cmd),
    stdout: errAt >= 0 ? body(1, errAt) : body(1, exitAt),
    stderr: errAt >= 0 ? body(errAt + 1, exitAt) : '',
    code: Number(lines[exitAt].slice('--- exit '.length)),
  };
}

test('create ingress: eighteen stored kubectl outputs', () => {
  const k = new Sandbox();
  try {
    const files = readdirSync(DIR).filter((f) => f.startsWith('create-'));
    assert.equal(files.length, 18);
    for (const f of files) {
      const c = parseCapture(readFileSync(join(DIR, f), 'utf8'));
      const r = k.run(c.args);
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr.replace(/kubesim/g, 'kubectl'), code: r.code }, { stdout: c.stdout, stderr: c.stderr, code: c.code }, f);
    }
  } finally {
    k.cleanup();
  }
});

test('the ingress-nginx addon: the default class, an address, and requests routed by host and path', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.27 --port=80');
    k.ok('expose deployment web');
    k.ok('create deployment api --image=traefik/whoami');
    k.ok('expose deployment api --port=80');
    // Without a controller nothing serves the Ingress: no class, no address.
    k.ok(['create', 'ingress', 'early', '--rule=early.example.com/=web:80']);
    k.ok('addon enable ingress-nginx');
    assert.equal(k.ok(['create', 'ingress', 'shop', '--rule=shop.example.com/=web:80', '--rule=shop.example.com/api*=api:80']), 'ingress.networking.k8s.io/shop created\n');
    assert.match(k.ok('get ing'), /^NAME +CLASS +HOSTS +ADDRESS +PORTS +AGE\nearly +<none> +early\.example\.com +80 +0s\nshop +nginx +shop\.example\.com +80 +0s\n$/);
    k.ok('sim advance 1m');
    const addr = k.ok('get ing shop -o jsonpath={.status.loadBalancer.ingress[0].ip}');
    const node = k.ok('get pods -n ingress-nginx -o jsonpath={.items[0].spec.nodeName}');
    assert.equal(addr, k.ok(`get node ${node} -o jsonpath={.status.addresses[0].address}`), 'the address of the node the controller runs on');
    assert.equal(k.ok('get ing early -o jsonpath={.status.loadBalancer}'), '{}');
    expectGolden('ingress-describe-shop', k.ok('describe ing shop').replace(/\d+\.\d+\.\d+\.\d+/g, '<ip>'));
    const get = (path: string, host = 'shop.example.com') => k.run(['curl', '-s', '-H', `Host: ${host}`, `http://${addr}${path}`]);
    assert.match(get('/').stdout, /<title>Welcome to nginx!<\/title>/);
    assert.match(get('/api/orders').stdout, /^Hostname: api-/);
    assert.match(get('/apis').stdout, /<title>404 Not Found<\/title>[\s\S]*<hr><center>nginx<\/center>/, 'Prefix /api does not match /apis, Exact / does not either: the controller itself answers 404');
    assert.equal(
      k.run(['curl', '-si', '-H', 'Host: unknown.example.com', `http://${addr}/`]).stdout.replace(/Date: .*\r?\n/, 'Date: <date>\n'),
      'HTTP/1.1 404 Not Found\r\nServer: nginx\r\nDate: <date>\nContent-Type: text/html\r\nContent-Length: 146\r\nConnection: keep-alive\r\n\r\n<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    );
    k.ok('scale deploy api --replicas=0');
    k.ok('sim advance 40s');
    assert.match(get('/api').stdout, /^<html>\r\n<head><title>503 Service Temporarily Unavailable<\/title><\/head>/);
  } finally {
    k.cleanup();
  }
});

test('bad ingresses are refused as the API server refuses them', () => {
  const k = Sandbox.paused();
  try {
    const r = k.run(['apply', '-f', '-'], 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: bad}\nspec:\n  rules:\n  - host: 1.2.3.4\n    http:\n      paths:\n      - path: api\n        pathType: prefix\n        backend: {service: {name: web}}\n');
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'The Ingress "bad" is invalid: \n* spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address\n* spec.rules[0].http.paths[0].pathType: Unsupported value: "prefix": supported values: "Exact", "ImplementationSpecific", "Prefix"\n* spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path\n* spec.rules[0].http.paths[0].backend: Required value: port name or number is required\n',
    );
  } finally {
    k.cleanup();
  }
});

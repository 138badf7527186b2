// NetworkPolicies: describe and get as kubectl 1.32 prints them (stored real outputs), and the
// traffic they let through: the documentation's access-nginx walkthrough, default-deny egress
// cutting DNS, AND versus OR peers, named ports, and kubectl's errors for bad policies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, ROOT } from '../helpers/cli.ts';

const DIR = join(ROOT, 'test', 'golden', 'kubectl', 'netpol');
/** A stored capture: `$ command` first, `--- exit N` last; creation times and ages differ from ours. */
const capture = (file: string) => readFileSync(join(DIR, file), 'utf8').split('\n').slice(1).filter((l) => !l.startsWith('--- exit')).join('\n');
const undated = (s: string) => s.replace(/^Created on: {3}.*$/gm, 'Created on:   <time>').replace(/ +\d+[smhd]\n/g, ' <age>\n');

test('describe and get networkpolicy reproduce kubectl 1.32 for twelve kinds of policy', () => {
  const k = Sandbox.paused();
  try {
    k.ok(['apply', '-f', join(ROOT, 'fixtures', 'manifests', 'netpol-sample.json')]);
    k.ok(['label', 'netpol', 'allow-frontend', 'tier=backend']);
    const files = readdirSync(DIR).filter((f) => f.startsWith('describe_') && f !== 'describe_two.txt');
    assert.equal(files.length, 12);
    for (const f of files) {
      const name = f.slice('describe_'.length, -'.txt'.length);
      assert.equal(undated(k.ok(['describe', 'netpol', name])), undated(capture(f)), f);
    }
    assert.equal(undated(k.ok('describe netpol ns-and-pod ns-or-pod')), undated(capture('describe_two.txt')));
    const sorted = (s: string) => s.split('\n').filter(Boolean).sort().join('\n');
    assert.equal(sorted(undated(k.ok('get netpol'))), sorted(undated(capture('get_netpol.txt'))));
  } finally {
    k.cleanup();
  }
});

test("the documentation's access-nginx policy: only labelled clients get through, the rest time out", () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment nginx --image=nginx');
    k.ok('expose deployment nginx --port=80');
    k.ok('sim advance 20s');
    const probe = (labels?: string) => k.run(['run', 'busybox', '--rm', '-i', '--image=busybox:1.28', '--restart=Never', '-q', ...(labels ? [`--labels=${labels}`] : []), '--', 'wget', '--spider', '--timeout=1', 'nginx']);
    // busybox wget reports on stderr.
    assert.deepEqual(probe(), { stdout: '', stderr: 'Connecting to nginx (NGINX)\nremote file exists\n'.replace('NGINX', `${k.ok('get svc nginx -o jsonpath={.spec.clusterIP}')}:80`), code: 0 });
    k.run(['apply', '-f', '-'], 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: access-nginx\nspec:\n  podSelector:\n    matchLabels:\n      app: nginx\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          access: "true"\n');
    const denied = probe();
    assert.match(denied.stderr, /^Connecting to nginx \(10\.\d+\.\d+\.\d+:80\)\nwget: download timed out\npod default\/busybox terminated \(Error\)\n$/);
    assert.equal(denied.code, 1);
    assert.match(probe('access=true').stderr, /remote file exists\n$/);
    // The nginx pods' own node still reaches them (probes keep working); another node does not.
    const node = k.ok('get pods -l app=nginx -o jsonpath={.items[0].spec.nodeName}');
    assert.equal(k.ok(['get', 'netpol', 'access-nginx', '-o', 'jsonpath={.spec.policyTypes}']), '["Ingress"]');
    assert.match(k.run(['curl', '-sS', '-m', '2', 'nginx']).stderr, node === 'controlplane' ? /^$/ : /^curl: \(28\) Connection timed out after 2001 milliseconds\n$/);
  } finally {
    k.cleanup();
  }
});

test('default-deny egress cuts DNS off; a DNS rule and a named port open the way again', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create namespace app');
    k.run(['apply', '-f', '-'], `apiVersion: v1
kind: Pod
metadata: {name: api, namespace: app, labels: {app: api}}
spec:
  containers:
  - {name: api, image: nginx, ports: [{containerPort: 80, name: http}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: app, labels: {app: client}}
spec:
  containers:
  - {name: c, image: busybox:1.36, command: [sleep, "3600"]}
`);
    k.ok('expose pod api -n app --port=80');
    k.ok('sim advance 30s');
    const inClient = (...cmd: string[]) => k.run(['exec', 'client', '-n', 'app', '--', ...cmd]);
    assert.equal(inClient('wget', '-qO-', '-T', '2', 'http://api').code, 0);
    k.run(['apply', '-f', '-'], 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-egress, namespace: app}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n');
    assert.deepEqual(inClient('nslookup', 'api'), { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: 'command terminated with exit code 1\n', code: 1 });
    assert.equal(inClient('wget', '-qO-', '-T', '2', 'http://api').stderr, "wget: bad address 'api'\ncommand terminated with exit code 1\n");
    k.run(['apply', '-f', '-'], `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns-and-api, namespace: app}
spec:
  podSelector: {matchLabels: {app: client}}
  egress:
  - ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
  - to: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: http}]
`);
    assert.equal(k.ok(['get', 'netpol', 'allow-dns-and-api', '-n', 'app', '-o', 'jsonpath={.spec.policyTypes}']), '["Ingress","Egress"]', 'egress rules without policyTypes: Ingress is isolated too');
    assert.match(inClient('nslookup', 'api').stdout, /Name:\tapi\.app\.svc\.cluster\.local\nAddress: 10\./);
    assert.match(inClient('wget', '-qO-', '-T', '2', 'http://api').stdout, /Welcome to nginx!/);
    // Ingress of the client is now isolated too (the defaulted policyTypes): api cannot reach it.
    assert.equal(k.run(['exec', 'api', '-n', 'app', '--', 'curl', '-sS', '-m', '1', `http://${k.ok('get pod client -n app -o jsonpath={.status.podIP}')}:8080`]).stderr, `curl: (28) Connection timed out after 1001 milliseconds\ncommand terminated with exit code 28\n`);
  } finally {
    k.cleanup();
  }
});

test('a bad policy is refused as the API server refuses it', () => {
  const k = Sandbox.paused();
  try {
    const r = k.run(['apply', '-f', '-'], 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad}\nspec:\n  podSelector: {}\n  policyTypes: [ingress]\n  ingress:\n  - from: [{}]\n    ports: [{protocol: tcp, port: 70000}]\n');
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'The NetworkPolicy "bad" is invalid: \n* spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress"\n* spec.ingress[0].ports[0].protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP"\n* spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.ingress[0].from[0]: Required value: must specify a peer\n',
    );
  } finally {
    k.cleanup();
  }
});

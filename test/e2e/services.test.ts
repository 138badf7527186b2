import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

let k: Sandbox;
before(() => {
  k = Sandbox.paused();
});
after(() => k.cleanup());

test('seed 001 GKE: expose nginx as a LoadBalancer; EXTERNAL-IP pending, then assigned', () => {
  k.ok('create deployment nginx --image=nginx:1.10.0 --replicas=3');
  k.ok('sim advance 30s');
  assert.equal(k.ok('expose deployment nginx --port 80 --type LoadBalancer'), 'service/nginx exposed\n');
  expectGolden('svc-lb-pending', k.ok('get services'));
  k.ok('sim advance 1m');
  expectGolden('svc-lb-assigned', k.ok('get services'));
  expectGolden('svc-lb-describe', k.ok('describe service nginx'));
  expectGolden('svc-lb-endpoints', k.ok('get endpoints nginx'));
});

test('seed 000 §4: expose --port=8080 --target-port=80, endpoints follow the ready pods', () => {
  assert.equal(k.ok('expose deployment nginx --port=8080 --target-port=80 --name=nginx-8080'), 'service/nginx-8080 exposed\n');
  expectGolden('svc-expose-8080', k.ok('get svc nginx-8080 -o wide'));
  assert.equal(k.ok('scale deployment nginx --replicas=5'), 'deployment.apps/nginx scaled\n');
  k.ok('sim advance 30s');
  expectGolden('svc-endpoints-5', k.ok('get ep nginx-8080'));
  k.ok('scale deployment nginx --replicas=1');
  k.ok('sim advance 30s');
  assert.equal(k.ok('get ep nginx-8080 -o jsonpath={.subsets[0].addresses[*].ip}').split(' ').length, 1);
  assert.equal(k.ok('delete service nginx-8080'), 'service "nginx-8080" deleted\n');
  assert.deepEqual(k.run('get ep nginx-8080'), { stdout: '', stderr: 'Error from server (NotFound): endpoints "nginx-8080" not found\n', code: 1 });
});

test('create service clusterip|nodeport|loadbalancer|externalname as kubectl does', () => {
  assert.equal(k.ok('create service clusterip my-svc --tcp=80:8080'), 'service/my-svc created\n');
  assert.equal(k.ok('create service nodeport web-np --tcp=80:80 --node-port=30080'), 'service/web-np created\n');
  assert.equal(k.ok('create service externalname ext --external-name=example.com'), 'service/ext created\n');
  assert.equal(
    k.ok('create service clusterip my-svc --tcp=80:8080 --dry-run=client -o yaml'),
    'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: my-svc\n  name: my-svc\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: my-svc\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
  );
  expectGolden('svc-created', k.ok('get svc my-svc web-np ext'));
  expectGolden('svc-describe-nodeport', k.ok('describe svc web-np'));
  const errors: [string, string][] = [
    ['create service nodeport other --tcp=80 --node-port=30080', 'The Service "other" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n'],
    ['create service nodeport other --tcp=80 --node-port=80', 'The Service "other" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n'],
    ['create service clusterip other', 'error: at least one tcp port specifier must be provided\n'],
    ['create service clusterip Bad --tcp=80', 'The Service "Bad" is invalid: metadata.name: Invalid value: "Bad": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')\n'],
    ['create service clusterip my-svc --tcp=80', 'Error from server (AlreadyExists): services "my-svc" already exists\n'],
    ['expose deployment nginx --port=80', 'Error from server (AlreadyExists): services "nginx" already exists\n'],
    ['expose node node01 --port=80', 'error: cannot expose a Node\n'],
    ['expose deployment nope --port=80', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
  ];
  for (const [cmd, stderr] of errors) assert.deepEqual(k.run(cmd), { stdout: '', stderr, code: 1 }, cmd);
  k.ok('create deployment noport --image=nginx');
  assert.deepEqual(k.run('expose deployment noport'), { stdout: '', stderr: "error: couldn't find port via --port flag or introspection\n", code: 1 });
  k.ok('run solo --image=nginx --port=80');
  assert.equal(k.ok('expose pod solo --name=solo-svc'), 'service/solo-svc exposed\n');
  assert.equal(k.ok(['get', 'svc', 'solo-svc', '-o', 'jsonpath={.spec.selector.run} {.spec.ports[0].port}']), 'solo 80');
});

test('cluster IPs and node ports never collide', () => {
  const ips = new Set<string>();
  const ports = new Set<string>();
  for (let i = 0; i < 30; i++) k.ok(`create service nodeport many-${i} --tcp=80`);
  for (const line of k.ok(['get', 'svc', '-o', 'jsonpath={range .items[*]}{.spec.clusterIP} {.spec.ports[0].nodePort}{"\\n"}{end}']).trim().split('\n')) {
    const [ip, port] = line.split(' ');
    assert.ok(!ips.has(ip), `duplicate IP ${ip}`);
    ips.add(ip);
    if (port) {
      assert.ok(!ports.has(port), `duplicate node port ${port}`);
      ports.add(port);
      assert.ok(Number(port) >= 30000 && Number(port) <= 32767);
    }
    assert.match(ip, /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$|^None$/);
  }
});

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

let k: Sandbox;
before(() => {
  k = Sandbox.paused();
  k.ok('create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1 --replicas=4');
  k.ok('sim advance 1m');
  k.ok('expose deployment kubernetes-bootcamp --type=NodePort --port=8080');
});
after(() => k.cleanup());

const bootcampPods = () => k.ok('get pods -l app=kubernetes-bootcamp -o name').trim().split('\n').map((p) => p.slice(4));

test('seed 001: curl the service IP; the answers come from the pods behind it', () => {
  const ip = k.ok('get svc kubernetes-bootcamp -o jsonpath={.spec.clusterIP}');
  const r = k.run(['curl', '-s', `${ip}:8080`]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Hello Kubernetes bootcamp! \| Running on: kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5} \| v=1\n$/);
});

test('100 requests to a 4-replica service: every ready pod answers, no unready pod does', () => {
  // make one pod unready: it leaves the endpoints and gets no traffic
  const pods = bootcampPods();
  k.ok(`label pod ${pods[3]} app- `);
  k.ok('sim advance 5s');
  const serving = bootcampPods();
  assert.equal(serving.length, 4, 'the replica set replaced the relabelled pod');
  k.ok('sim advance 1m');
  const ip = k.ok('get svc kubernetes-bootcamp -o jsonpath={.spec.clusterIP}');
  const seen = new Map<string, number>();
  for (let i = 0; i < 100; i++) {
    const body = k.ok(['curl', '-s', `${ip}:8080`]);
    const pod = /Running on: (\S+)/.exec(body)![1];
    seen.set(pod, (seen.get(pod) ?? 0) + 1);
  }
  assert.deepEqual([...seen.keys()].sort(), bootcampPods().sort());
  assert.ok(!seen.has(pods[3]));
});

test('NodePort on any node, service DNS names, and curl\'s failures', () => {
  const nodePort = k.ok('get svc kubernetes-bootcamp -o jsonpath={.spec.ports[0].nodePort}');
  for (const url of [`172.30.2.2:${nodePort}`, `172.30.2.3:${nodePort}`, 'kubernetes-bootcamp:8080', 'kubernetes-bootcamp.default:8080', 'http://kubernetes-bootcamp.default.svc.cluster.local:8080/']) {
    assert.match(k.ok(['curl', '-s', url]), /^Hello Kubernetes bootcamp!/, url);
  }
  assert.deepEqual(k.run(['curl', '-s', '-S', '172.30.2.2:1234']), { stdout: '', stderr: "curl: (7) Failed to connect to 172.30.2.2 port 1234 after 0 ms: Couldn't connect to server\n", code: 7 });
  assert.deepEqual(k.run(['curl', '-sS', 'nope']), { stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n', code: 6 });
  assert.deepEqual(k.run(['curl', '-sS', '--connect-timeout', '5', '10.99.99.99']), { stdout: '', stderr: 'curl: (28) Failed to connect to 10.99.99.99 port 80 after 5001 ms: Timeout was reached\n', code: 28 });
  k.ok('create service clusterip empty --tcp=80');
  const empty = k.ok('get svc empty -o jsonpath={.spec.clusterIP}');
  assert.equal(k.run(['curl', '-sS', empty]).code, 7, 'a service without endpoints refuses');
});

test('nginx: the welcome page, -i headers, the access log', () => {
  k.ok('run web --image=nginx:1.27.3 --port=80 --expose');
  k.ok('sim advance 20s');
  expectGolden('traffic-nginx-curl-i', k.ok(['curl', '-si', 'web']));
  assert.equal(k.ok(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'web/nope']), '404');
  expectGolden('traffic-nginx-logs', k.ok('logs web'));
  assert.equal(k.ok('logs web --tail=1').split('\n').length, 2);
});

test('exec: commands in a container, the files and environment it sees, errors', () => {
  const [pod] = bootcampPods();
  assert.equal(k.ok(['exec', pod, '--', 'hostname']), `${pod}\n`);
  expectGolden('traffic-exec-resolv', k.ok(['exec', pod, '--', 'cat', '/etc/resolv.conf']));
  assert.match(k.ok(['exec', 'web', '--', 'env']), /^PATH=.*\nHOSTNAME=web\n(.*\n)*KUBERNETES_SERVICE_HOST=10\.96\.0\.1\n/);
  assert.match(k.ok(['exec', 'web', '--', 'sh', '-c', 'curl -s localhost >/dev/null; echo $?']), /^0\n$/);
  assert.deepEqual(k.run(['exec', 'web', '--', 'sh', '-c', 'exit 3']), { stdout: '', stderr: 'command terminated with exit code 3\n', code: 3 });
  const missing = k.run(['exec', 'web', '--', 'nslookup', 'x']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nslookup": executable file not found in \$PATH: unknown\n$/);
  assert.deepEqual(k.run(['exec', 'web', '--', 'sh', '-c', 'nslookup x']), { stdout: '', stderr: 'sh: 1: nslookup: not found\ncommand terminated with exit code 127\n', code: 127 });
  assert.deepEqual(k.run(['exec', 'web', '--', 'bash', '-c', 'nslookup x']), { stdout: '', stderr: 'bash: nslookup: command not found\ncommand terminated with exit code 127\n', code: 127 });
  assert.deepEqual(k.run(['exec', 'nope', '--', 'ls']), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
  assert.deepEqual(k.run(['exec', 'web', 'ls']), { stdout: '', stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubesim exec -h' for help and examples\n", code: 1 });
  assert.deepEqual(k.run(['exec', 'web']), { stdout: '', stderr: 'error: you must specify at least one command for the container\n', code: 1 });
  assert.deepEqual(k.run(['exec']), { stdout: '', stderr: 'error: pod, type/name or --filename must be specified\n', code: 1 });
});

test('run --rm -i: the pod runs the command, prints, and is deleted', () => {
  const r = k.run(['run', 'tmp', '--rm', '-i', '--restart=Never', '--image=busybox', '--', 'wget', '-qO-', 'kubernetes-bootcamp:8080']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Hello Kubernetes bootcamp! \| Running on: kubernetes-bootcamp-\S+ \| v=1\npod "tmp" deleted\n$/);
  assert.deepEqual(k.run('get pod tmp'), { stdout: '', stderr: 'Error from server (NotFound): pods "tmp" not found\n', code: 1 });
  const shell = k.run(['run', 'box', '--rm', '-i', '--restart=Never', '--image=busybox', '--', 'sh'], 'nslookup kubernetes-bootcamp\nwget -qO- nope\nexit\n');
  expectGolden('traffic-run-rm-shell', shell.stdout + '---\n' + shell.stderr);
});

test('port-forward: a real listener on 127.0.0.1 answering with the pod\'s app', async () => {
  const [pod] = bootcampPods();
  const child = k.spawn(['port-forward', `pod/${pod}`, '0:8080', '--address', '127.0.0.1']);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /Forwarding from 127\.0\.0\.1:(\d+) -> 8080\n/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`port-forward exited: ${out}`)));
    });
    const body = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        let b = '';
        res.on('data', (d) => (b += d));
        res.on('end', () => resolve(`${res.statusCode} ${b}`));
      })
        .on('error', reject)
        .end();
    });
    assert.equal(body, `200 Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`);
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.on('close', r));
  }
});

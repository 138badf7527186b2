// kubectl behaviours found different in review and fixed: command groups typed alone, dry runs of
// the verbs that change things, generator output of run --expose and expose, and their errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';

test('a command group alone prints its help and fails; an unknown subcommand is named', () => {
  const k = Sandbox.paused();
  try {
    const rollout = k.run('rollout');
    assert.equal(rollout.code, 1);
    assert.equal(rollout.stderr, '');
    assert.equal(rollout.stdout, k.ok('rollout --help'), 'kubectl rollout prints its help on stdout');
    for (const group of ['set', 'auth', 'create secret', 'top']) {
      const r = k.run(group);
      assert.deepEqual({ stdout: r.stdout, code: r.code }, { stdout: '', code: 1 }, group);
      assert.equal(r.stderr, k.ok(`${group} --help`), `${group}: its help, on stderr`);
    }
    assert.deepEqual(k.run('rollout foo bar'), { stdout: '', stderr: "error: unknown command \"foo bar\"\nSee 'kubesim rollout -h' for help and examples\n", code: 1 });
    assert.deepEqual(k.run('create secret s'), { stdout: '', stderr: "error: unknown command \"s\"\nSee 'kubesim create secret -h' for help and examples\n", code: 1 });
    assert.deepEqual(k.run('create service web --tcp=80'), { stdout: '', stderr: "error: unknown flag: --tcp\nSee 'kubesim create service --help' for usage.\n", code: 1 });
    assert.deepEqual(k.run('create foo x'), { stdout: '', stderr: "error: Unexpected args: [foo x]\nSee 'kubesim create -h' for help and examples\n", code: 1 });
    assert.deepEqual(k.run('create'), { stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 1 });
  } finally {
    k.cleanup();
  }
});

test('dry runs of delete, scale, set and rollout undo change nothing and say so', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.25');
    k.ok('sim advance 1m');
    const before = k.ok('get deploy web -o yaml');
    assert.equal(k.ok('scale deploy web --replicas=3 --dry-run=client'), 'deployment.apps/web scaled (dry run)\n');
    assert.equal(k.ok('scale deploy web --replicas=3 --dry-run=server -o jsonpath={.spec.replicas}'), '3\n');
    assert.equal(k.ok('set image deploy/web nginx=nginx:1.27 --dry-run=client'), 'deployment.apps/web image updated (dry run)\n');
    assert.equal(k.ok('set image deploy/web nginx=nginx:1.27 --dry-run=client -o jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.27\n');
    assert.equal(k.ok('set env deploy/web MODE=x --dry-run=server'), 'deployment.apps/web env updated (server dry run)\n');
    assert.equal(k.ok('delete deploy web --dry-run=client'), 'deployment.apps "web" deleted (dry run)\n');
    assert.equal(k.ok('delete deploy web --dry-run=server'), 'deployment.apps "web" deleted (server dry run)\n');
    assert.equal(k.ok('get deploy web -o yaml'), before, 'nothing changed');
    k.ok('set image deploy/web nginx=nginx:1.27');
    k.ok('sim advance 1m');
    assert.equal(k.ok('rollout undo deploy/web --dry-run=client'), 'deployment.apps/web rolled back (dry run)\n');
    assert.equal(k.ok('get deploy web -o jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.27');
  } finally {
    k.cleanup();
  }
});

test('rollout undo takes the annotations of the revision it restores, as kubectl does', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.25');
    k.ok('sim advance 1m');
    k.ok('set image deploy/web nginx=nginx:1.27');
    k.ok(['annotate', 'deploy', 'web', 'kubernetes.io/change-cause=image 1.27']);
    k.ok('sim advance 1m');
    k.ok('rollout undo deploy/web');
    k.ok('sim advance 1m');
    assert.equal(k.ok('rollout history deploy/web'), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         image 1.27\n3         <none>\n\n');
  } finally {
    k.cleanup();
  }
});

test('run --expose and expose as kubectl generates them; their errors', () => {
  const k = Sandbox.paused();
  try {
    assert.equal(
      k.ok('run nginx --image=nginx --port=80 --expose --dry-run=client -o yaml'),
      `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  name: nginx
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    run: nginx
status:
  loadBalancer: {}
---
---
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
    );
    assert.equal(k.ok('run nginx --image=nginx --port=80 --expose'), 'service/nginx created\npod/nginx created\n');
    assert.match(k.ok('run web --image=nginx -n kube-public --dry-run=client -o yaml'), /\n  name: web\n  namespace: kube-public\n/);
    k.ok('create deployment web --image=nginx:1.25');
    assert.equal(
      k.ok('expose deploy web --port=80 --dry-run=client -o yaml'),
      `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: web
status:
  loadBalancer: {}
`,
    );
    const usage = (msg: string) => ({ stdout: '', stderr: `error: ${msg}\nSee 'kubesim run -h' for help and examples\n`, code: 1 });
    assert.deepEqual(k.run('run x --image=nginx --expose'), usage('--port must be set when exposing a service'));
    assert.deepEqual(k.run('run x --image=nginx --rm --dry-run=client'), usage('--rm should only be used for attached containers'));
    assert.deepEqual(k.run('run x --image=nginx -it --dry-run=client'), usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"));
    assert.deepEqual(k.run('run x --image=nginx --port=abc'), { stdout: '', stderr: 'error: strconv.Atoi: parsing "abc": invalid syntax\n', code: 1 });
    assert.deepEqual(k.run('expose deploy web --port=abc'), { stdout: '', stderr: 'error: strconv.Atoi: parsing "abc": invalid syntax\n', code: 1 });
    assert.deepEqual(k.run('expose deploy web --port=80 --type=Foo'), {
      stdout: '',
      stderr: 'The Service "web" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n',
      code: 1,
    });
    assert.equal(k.run('get svc web').code, 1, 'nothing created');
  } finally {
    k.cleanup();
  }
});

test('get -w of an object that does not exist fails at once; https to a plain HTTP port fails the handshake', () => {
  const k = Sandbox.paused();
  try {
    assert.deepEqual(k.run('get pods nosuch -w'), { stdout: '', stderr: 'Error from server (NotFound): pods "nosuch" not found\n', code: 1 });
    k.ok('create deployment web --image=nginx:1.25');
    k.ok('expose deploy web --port=80');
    k.ok('sim advance 1m');
    k.ok(['run', 'client', '--image=nicolaka/netshoot', '--', 'sleep', '3600']);
    k.ok('sim advance 30s');
    assert.deepEqual(k.run(['exec', 'client', '--', 'curl', '-sS', 'https://web:80']), {
      stdout: '',
      stderr: 'curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number\ncommand terminated with exit code 35\n',
      code: 35,
    });
  } finally {
    k.cleanup();
  }
});

test('create --save-config keeps the generated object as its last-applied configuration, as kubectl writes it', () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.ok('create configmap cfg --from-literal=a=b --save-config'), 'configmap/cfg created\n');
    assert.equal(k.ok("apply view-last-applied configmap/cfg -o json"), `{\n  "kind": "ConfigMap",\n  "apiVersion": "v1",\n  "metadata": {\n    "name": "cfg",\n    "creationTimestamp": null\n  },\n  "data": {\n    "a": "b"\n  }\n}\n`);
    assert.match(k.ok('create namespace dev --save-config --dry-run=client -o yaml'), /\n    kubectl\.kubernetes\.io\/last-applied-configuration: \|\n      \{"kind":"Namespace","apiVersion":"v1","metadata":\{"name":"dev","creationTimestamp":null\},"spec":\{\},"status":\{\}\}\n/);
  } finally {
    k.cleanup();
  }
});

test('describe: an ExternalName service shows no IP families or IPs; RBAC objects hide the last-applied annotation', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create service externalname ext --external-name=example.com');
    assert.equal(
      k.ok('describe svc ext'),
      'Name:              ext\nNamespace:         default\nLabels:            app=ext\nAnnotations:       <none>\nSelector:          app=ext\nType:              ExternalName\nIP Families:       <none>\nIP:                \nIPs:               <none>\nExternal Name:     example.com\nSession Affinity:  None\nEvents:            <none>\n',
    );
    assert.equal(k.run(['apply', '-f', '-'], 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\nrules:\n- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]\n').stdout, 'role.rbac.authorization.k8s.io/reader created\n');
    assert.match(k.ok('describe role reader'), /^Name: +reader\nLabels: +<none>\nAnnotations: +<none>\nPolicyRule:\n/);
  } finally {
    k.cleanup();
  }
});

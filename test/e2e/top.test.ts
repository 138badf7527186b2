// kubectl top with the metrics-server addon: nothing without it, ServiceUnavailable until its pod
// is ready, "not available yet" for fresh pods, then usage in kubectl's layout; a busy loop shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';

test('kubectl top: the Metrics API comes with the metrics-server addon; usage in kubectl layout', () => {
  const k = Sandbox.paused();
  try {
    assert.deepEqual(k.run('top node'), { stdout: '', stderr: 'error: Metrics API not available\n', code: 1 });
    assert.equal(k.ok('addon enable metrics-server'), 'serviceaccount/metrics-server created\nservice/metrics-server created\ndeployment.apps/metrics-server created\n');
    assert.equal(k.ok('addon enable metrics-server'), 'serviceaccount/metrics-server unchanged\nservice/metrics-server unchanged\ndeployment.apps/metrics-server unchanged\n');
    assert.deepEqual(k.run('top pod'), { stdout: '', stderr: 'Error from server (ServiceUnavailable): the server is currently unable to handle the request (get pods.metrics.k8s.io)\n', code: 1 });
    k.ok('sim advance 1m');
    const nodes = k.ok('top node');
    assert.match(nodes, /^NAME {11}CPU\(cores\) {3}CPU\(%\) {3}MEMORY\(bytes\) {3}MEMORY\(%\) {3}\n/);
    assert.match(nodes, /\ncontrolplane +1\d\dm +\d% +1\d{3}Mi +\d\d% +\nnode01 +\d\dm +\d% +\d{3}Mi +\d\d% +\nnode02 +\d\dm +\d% +\d{3}Mi +\d\d% +\n$/);
    assert.equal(k.ok('top node'), nodes, 'the same scrape window reads the same');
    const sys = k.ok('top pod -n kube-system --sum');
    assert.match(sys, /\nkube-apiserver-controlplane +[3-5]\dm +2\d\dMi +\n/);
    assert.match(sys, /\n {39}________ {5}________ {8}\n {39}\d+m +\d+Mi +\n$/);
    // A fresh pod has no metrics for a scrape or so; a busy loop then shows a full CPU.
    k.ok(['run', 'hog', '--image=busybox:1.36', '--', 'sh', '-c', 'while true; do :; done']);
    k.ok('sim advance 5s');
    assert.deepEqual(k.run('top pod'), { stdout: '', stderr: 'error: metrics not available yet\n', code: 1 });
    assert.equal(k.run('top pod hog').stderr, 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/hog" not found\n');
    k.ok('sim advance 30s');
    assert.match(k.ok('top pod'), /^NAME   CPU\(cores\)   MEMORY\(bytes\)   \nhog    99\dm +[01]Mi +\n$/);
    assert.match(k.ok('top pod -A --sort-by=cpu --no-headers'), /^default +hog +99\dm/);
    assert.match(k.ok('top pod --containers'), /^POD   NAME   CPU\(cores\)   MEMORY\(bytes\)   \nhog   hog    99\dm/);
    assert.deepEqual(k.run('top pod --sort-by=name'), { stdout: '', stderr: 'error: --sort-by accepts only cpu or memory\n', code: 1 });
    assert.deepEqual(k.run('top pod a b'), { stdout: '', stderr: "error: pod [NAME | -l label]\nSee 'kubesim top pod -h' for help and examples\n", code: 1 });
    assert.deepEqual(k.run('top pod hog -l run=hog'), { stdout: '', stderr: 'error: only one of NAME or selector can be provided\n', code: 1 });
    k.ok('create namespace empty');
    assert.deepEqual(k.run('top pod -n empty'), { stdout: '', stderr: 'No resources found in empty namespace.\n', code: 0 });
    // A dead node has no metrics (the one metrics-server does not run on: on its own node it would go too).
    const msNode = k.ok('get pods -n kube-system -l k8s-app=metrics-server -o jsonpath={.items[0].spec.nodeName}');
    const dead = msNode === 'node02' ? 'node01' : 'node02';
    k.ok(`node stop ${dead}`);
    k.ok('sim advance 1m');
    assert.match(k.ok('top node'), new RegExp(`\\n${dead} +<unknown> +<unknown> +<unknown> +<unknown> {3}\\n$`));
    assert.equal(k.run('top').code, 1);
    assert.equal(k.ok('addon disable metrics-server'), 'deployment.apps/metrics-server deleted\nservice/metrics-server deleted\nserviceaccount/metrics-server deleted\n');
  } finally {
    k.cleanup();
  }
});

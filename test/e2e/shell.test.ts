// At home in the shell: `kubesim env` and `kubesim shell` make kubectl and k mean kubesim (with
// completion), colour only on a terminal, and `kubesim options`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, Sandbox, TEST_NOW } from '../helpers/cli.ts';

const haveBash = spawnSync('bash', ['--version']).status === 0;
const havePython = spawnSync('python3', ['--version']).status === 0;

test('kubesim env: a kubectl shim first on PATH, alias k, completion for kubesim, kubectl and k', () => {
  const k = Sandbox.paused();
  try {
    const shim = join(k.home, 'bin');
    const home = (s: string) => s.split(k.home).join('$HOME');
    assert.equal(
      home(k.ok('env --shell bash')),
      "# kubesim: `kubectl` and `k` mean kubesim in this shell.\nexport KUBESIM_HOME='$HOME'\nexport PATH='$HOME/bin':\"$PATH\"\nalias k=kubectl\nsource <(kubectl completion bash)\ncomplete -o default -F __start_kubesim kubectl k\n",
    );
    assert.equal(home(k.ok('env --shell fish')), "# kubesim: `kubectl` and `k` mean kubesim in this shell.\nset -gx KUBESIM_HOME '$HOME'\nset -gx PATH '$HOME/bin' $PATH\nalias k kubectl\nkubectl completion fish | source\ncomplete -c kubectl -w kubesim\ncomplete -c k -w kubesim\n");
    assert.match(k.ok('env --shell zsh'), /\ncompdef _kubesim kubectl k\n$/);
    assert.deepEqual(k.run('env --shell tcsh'), { stdout: '', stderr: 'error: unsupported shell "tcsh": use bash, zsh or fish\n', code: 1 });
    const r = spawnSync(join(shim, 'kubectl'), ['get', 'ns', 'default', '--no-headers'], { env: { PATH: process.env.PATH ?? '', KUBESIM_HOME: k.home, KUBESIM_NOW: TEST_NOW }, encoding: 'utf8' });
    assert.match(r.stdout, /^default +Active +\d+m\n$/, 'the shim runs kubesim');
  } finally {
    k.cleanup();
  }
});

test('in bash after eval "$(kubesim env)": kubectl and k reach kubesim, and k <TAB> completes names from the cluster', { skip: !haveBash && 'bash is not installed' }, () => {
  const k = Sandbox.paused();
  try {
    const program = [
      `eval "$('${process.execPath}' '${BIN}' env --shell bash)"`,
      'kubectl get ns kube-system -o name',
      'shopt -s expand_aliases',
      'k version --client | head -1',
      "COMP_WORDS=(k get pods -n kube-system ''); COMP_CWORD=5; COMP_LINE='k get pods -n kube-system '; COMP_POINT=${#COMP_LINE}",
      '__start_kubesim',
      'printf "%s\\n" "${COMPREPLY[@]}" | sort | head -3',
    ].join('\n');
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { env: { PATH: process.env.PATH ?? '', HOME: k.home, KUBESIM_HOME: k.home, KUBESIM_NOW: TEST_NOW, NO_COLOR: '1' }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const [ns, version, ...pods] = r.stdout.trim().split('\n');
    assert.equal(ns, 'namespace/kube-system');
    assert.equal(version, 'Client Version: v1.32.4');
    assert.deepEqual(pods, k.ok('get pods -n kube-system -o name').trim().split('\n').map((p) => p.slice(4)).sort().slice(0, 3));
  } finally {
    k.cleanup();
  }
});

test('kubesim shell: a sub-shell where kubectl and k mean kubesim; piped commands run without prompts', { skip: !haveBash && 'bash is not installed' }, () => {
  const k = Sandbox.paused();
  try {
    k.env.SHELL = '/bin/bash';
    const r = k.run('shell', 'kubectl get ns default -o name\nk config current-context\nexit 3\n');
    assert.deepEqual(r, { stdout: 'namespace/default\nkubernetes-admin@kubernetes\n', stderr: '', code: 3 });
  } finally {
    k.cleanup();
  }
});

test('kubesim shell on a terminal: a banner and a prompt naming the context', { skip: (!haveBash || !havePython) && 'bash or python3 is not installed' }, () => {
  const k = Sandbox.paused();
  try {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: k.home, KUBESIM_HOME: k.home, KUBESIM_NOW: TEST_NOW, TERM: 'dumb', SHELL: '/bin/bash' };
    const script = 'import os,pty,sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))';
    const r = spawnSync('python3', ['-c', script, process.execPath, BIN, 'shell'], { env, encoding: 'utf8', input: 'k config current-context\nexit 3\n' });
    const screen = r.stdout.replace(/\r\n/g, '\n');
    assert.equal(r.status, 3, screen);
    assert.match(screen, /kubesim shell: kubectl and k mean kubesim here \('exit' to leave\)\.\n/);
    assert.match(screen, /\(kubesim:kubernetes-admin@kubernetes\) [^\n]*[$#] /);
    assert.match(screen, /\nkubernetes-admin@kubernetes\n/);
  } finally {
    k.cleanup();
  }
});

test('colour on a terminal only: statuses painted under a pseudo-TTY, plain when piped, NO_COLOR or --no-color', { skip: !havePython && 'python3 is not installed' }, () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment bad --image=nginx:9.9.9');
    k.ok('run ok --image=nginx:1.27');
    k.ok('sim advance 30s');
    const viaPty = (args: string[], extra: Record<string, string> = {}) => {
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: k.home, KUBESIM_HOME: k.home, KUBESIM_NOW: TEST_NOW, TERM: 'xterm-256color', ...extra };
      const r = spawnSync('python3', ['-c', 'import pty,sys; pty.spawn(sys.argv[1:])', process.execPath, BIN, ...args], { env, encoding: 'utf8' });
      return r.stdout.replace(/\r\n/g, '\n');
    };
    const piped = k.ok('get pods');
    assert.doesNotMatch(piped, /\x1b\[/);
    const tty = viaPty(['get', 'pods']);
    assert.match(tty, /\x1b\[31mImagePullBackOff\x1b\[39m/);
    assert.match(tty, /\x1b\[32mRunning\x1b\[39m/);
    assert.equal(tty.replace(/\x1b\[\d+m/g, ''), piped, 'the columns line up as without colour');
    assert.equal(viaPty(['get', 'pods', '--no-color']), piped);
    assert.equal(viaPty(['get', 'pods'], { NO_COLOR: '1' }), piped);
    assert.match(viaPty(['describe', 'deploy', 'bad']).replace(/\x1b\[\d+m/g, ''), /Events:/);
  } finally {
    k.cleanup();
  }
});

test('kubesim options lists the flags every command takes', () => {
  const k = new Sandbox();
  try {
    assert.equal(
      k.ok('options'),
      "The following options can be passed to any command:\n\n    --as='':\n\tUsername to impersonate for the operation. User could be a regular user or a service account in a namespace.\n\n    --as-group=[]:\n\tGroup to impersonate for the operation, this flag can be repeated to specify multiple groups.\n\n    --as-uid='':\n\tUID to impersonate for the operation.\n\n    --context='':\n\tThe name of the kubeconfig context to use\n\n    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n\n    --no-color=false:\n\tDo not colour the output, even on a terminal (kubesim; NO_COLOR does the same)\n\n    --request-timeout='0':\n\tThe length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.\n",
    );
  } finally {
    k.cleanup();
  }
});

// kubectl exec POD [-c CONTAINER] [-i] [-t] -- COMMAND [args...]
import { lookupResource } from '../../api/resources.ts';
import { attributesFor, checkAccess } from '../access.ts';
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CliError, UsageError } from '../../api/errors.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster, type Target } from '../../sim/session.ts';
import { execInContainer, interactiveShell, type Machine, type ShellContext, type ShellSession } from '../../sim/container-shell.ts';
import type { ApiServer } from '../../api/server.ts';
import { findPod, pickContainer } from './pod-target.ts';
import { out, err } from '../io.ts';

/** Fails like kubectl when the container cannot take an exec. */
export function checkExecutable(pod: import('../../api/types.ts').Pod, container: string): void {
  if (['Succeeded', 'Failed'].includes(pod.status?.phase ?? '')) {
    throw new CliError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  }
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
  if (!status?.state.running) throw new CliError(`unable to upgrade connection: container not found ("${container}")`);
}

function readStdinLines(): string[] {
  try {
    return readFileSync(0, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/**
 * An interactive session: lines from a pipe run in one go; on a terminal, a prompt and each line
 * run in the cluster as it is typed (the session keeps its working directory and exports).
 */
export async function interactive(target: Target, machine: (api: ApiServer) => ShellContext | Machine): Promise<number> {
  if (!process.stdin.isTTY) {
    const lines = readStdinLines();
    const r = withCluster(target.cluster, (api) => interactiveShell(machine(api), lines, false));
    out(r.output);
    return r.exitCode;
  }
  const session: ShellSession = { cwd: '/' };
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  rl.setPrompt(withCluster(target.cluster, (api) => interactiveShell(machine(api), [], true).output));
  rl.prompt();
  let code = 0;
  for await (const line of rl) {
    const r = withCluster(target.cluster, (api) => interactiveShell(machine(api), [line], false, session));
    out(r.output);
    code = r.exitCode;
    if (r.exited) break;
    rl.prompt();
  }
  rl.close();
  return code;
}

export function registerExec(program: Command): void {
  program
    .command('exec')
    .summary('Execute a command in a container')
    .description('Execute a command in a container.')
    .usage('(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]')
    .argument('[args...]')
    .option('-c, --container <name>', 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen')
    .option('-i, --stdin', 'Pass stdin to the container')
    .option('-t, --tty', 'Stdin is a TTY')
    .option('-q, --quiet', 'Only print output from the remote session')
    .action(async (args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const dash = process.argv.indexOf('--');
      const command = dash >= 0 ? process.argv.slice(dash + 1) : [];
      const before = dash >= 0 ? args.slice(0, args.length - command.length) : args;
      if (!before.length) throw new CliError('pod, type/name or --filename must be specified');
      if (!command.length) {
        if (before.length > 1) throw new UsageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead', `${PROGRAM} exec`);
        throw new CliError('you must specify at least one command for the container');
      }
      const target = resolveTarget(o);
      const podRef = before[0];
      const { podName, containerName } = withCluster(target.cluster, (api) => {
        const pod = findPod(api, podRef, target.namespace);
        checkAccess(api, target, attributesFor(lookupResource('pods')!, 'create', target.namespace, pod.metadata.name, 'exec'));
        const c = pickContainer(pod, o.container, o.quiet);
        checkExecutable(pod, c.name);
        return { podName: pod.metadata.name, containerName: c.name };
      });
      if (o.tty && !o.stdin) err('Unable to use a TTY - input is not a terminal or the right kind of file');
      let code: number;
      if (o.stdin && ['sh', '/bin/sh', 'bash', '/bin/bash'].includes(command[0]) && command.length === 1) {
        code = await interactive(target, (api) => {
          const pod = findPod(api, podName, target.namespace);
          return { api, pod, container: pickContainer(pod, containerName, true), tty: !!o.tty, shell: command[0] };
        });
      } else {
        const r = withCluster(target.cluster, (api) => {
          const pod = findPod(api, podName, target.namespace);
          return execInContainer({ api, pod, container: pickContainer(pod, containerName, true), tty: !!o.tty }, command);
        });
        out(r.stdout);
        err(r.stderr);
        code = r.exitCode;
      }
      if (code !== 0) {
        err(`command terminated with exit code ${code}`);
        process.exitCode = code;
      }
    });
}

// kubectl logs POD [-c CONTAINER] [-f] [--tail=N] [--previous] [--timestamps]
import type { Command } from 'commander';
import { ApiError, CliError, RawError } from '../../api/errors.ts';
import type { Pod } from '../../api/types.ts';
import { allOpts, intFlag, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { containerLogs, type LogLine } from '../../sim/traffic.ts';
import { watchLoop } from '../../sim/watch.ts';
import { parseDuration } from '../../util/duration.ts';
import { findPod, pickContainer } from './pod-target.ts';
import { out } from '../io.ts';

const nanoStamp = (t: number) => new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');

/** Why the kubelet cannot serve logs for a container that is not running (HTTP 400). */
function waitingError(pod: Pod, container: string, previous: boolean): ApiError | undefined {
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
  if (previous) {
    if (!status?.lastState?.terminated) return new ApiError('BadRequest', `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
    return undefined;
  }
  const waiting = status?.state.waiting?.reason ?? (!status ? 'ContainerCreating' : undefined);
  if (!waiting) return undefined;
  const detail = waiting === 'ErrImagePull' ? 'image can\'t be pulled' : waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : waiting;
  if (waiting === 'CrashLoopBackOff') return undefined;
  return new ApiError('BadRequest', `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${detail}`);
}

export function registerLogs(program: Command): void {
  program
    .command('logs')
    .summary('Print the logs for a container in a pod')
    .description('Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.')
    .usage('[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]')
    .argument('[args...]')
    .option('-c, --container <name>', 'Print the logs of this container')
    .option('-f, --follow', 'Specify if the logs should be streamed.')
    .option('-p, --previous', 'If true, print the logs for the previous instance of the container in a pod if it exists.')
    .option('--tail <lines>', 'Lines of recent log file to display.', intFlag('--tail', 'logs'), -1)
    .option('--since <duration>', 'Only return logs newer than a relative duration like 5s, 2m, or 3h.')
    .option('--timestamps', 'Include timestamps on each line in the log output')
    .option('--prefix', 'Prefix each log line with the log source (pod name and container name)')
    .action(async (args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (!args.length) {
        throw new RawError(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee '${PROGRAM} logs -h' for help and examples`);
      }
      const target = resolveTarget(o);
      const sinceMs = o.since ? parseDuration(o.since) : undefined;
      const format = (pod: Pod, c: string, l: LogLine) => `${o.prefix ? `[pod/${pod.metadata.name}/${c}] ` : ''}${o.timestamps ? `${nanoStamp(l.t)} ` : ''}${l.line}\n`;
      const { text, podName, container, shown } = withCluster(target.cluster, (api) => {
        let pod: Pod;
        try {
          pod = findPod(api, args[0], target.namespace);
        } catch (e) {
          if (e instanceof ApiError && e.reason === 'NotFound' && !args[0].includes('/')) {
            throw new CliError(`error from server (NotFound): pods "${args[0]}" not found in namespace "${target.namespace}"`);
          }
          throw e;
        }
        const c = pickContainer(pod, o.container ?? args[1]);
        const problem = waitingError(pod, c.name, !!o.previous);
        if (problem) throw problem;
        let lines = containerLogs(api, pod, c.name, !!o.previous) ?? [];
        if (sinceMs !== undefined) lines = lines.filter((l) => l.t >= api.now() - sinceMs);
        if (o.tail >= 0) lines = lines.slice(Math.max(0, lines.length - o.tail));
        return { text: lines.map((l) => format(pod, c.name, l)).join(''), podName: pod.metadata.name, container: c.name, shown: (containerLogs(api, pod, c.name, false) ?? []).length };
      });
      out(text);
      if (!o.follow || o.previous) return;
      let seen = shown;
      await watchLoop({
        cluster: target.cluster,
        start: () => undefined,
        onChanges: (api) => {
          const pod = api.get<Pod>('pods', target.namespace, podName);
          if (!pod) return true;
          const lines = containerLogs(api, pod, container, false) ?? [];
          if (lines.length < seen) seen = 0;
          out(lines.slice(seen).map((l) => format(pod, container, l)).join(''));
          seen = lines.length;
          return false;
        },
      });
    });
}

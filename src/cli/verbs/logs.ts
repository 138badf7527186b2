// kubectl logs (POD | TYPE/NAME | -l SELECTOR) [-c CONTAINER | --all-containers] [-f] [--tail=N]
// [--previous] [--timestamps] [--prefix]: one stream per pod and container; -f follows each until
// its container stops.
import { lookupResource } from '../../api/resources.ts';
import { attributesFor, checkAccess } from '../access.ts';
import type { Command } from 'commander';
import { ApiError, CliError, RawError } from '../../api/errors.ts';
import type { ApiServer } from '../../api/server.ts';
import type { Pod } from '../../api/types.ts';
import { parseLabelSelector, matchesLabels } from '../../api/selectors.ts';
import { allOpts, intFlag, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { containerLogs, type LogLine } from '../../sim/traffic.ts';
import { watchLoop } from '../../sim/watch.ts';
import { parseDuration } from '../../util/duration.ts';
import { findPods, pickContainer } from './pod-target.ts';
import { out, err } from '../io.ts';

const nanoStamp = (t: number) => new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

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

interface Stream {
  pod: string;
  container: string;
  /** Lines already printed. */
  seen: number;
  done: boolean;
}

const isRunning = (pod: Pod | undefined, container: string) =>
  !!pod && [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].some((s) => s.name === container && s.state.running);

export function registerLogs(program: Command): void {
  program
    .command('logs')
    .summary('Print the logs for a container in a pod')
    .description('Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.')
    .usage('[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]')
    .argument('[args...]')
    .option('-c, --container <name>', 'Print the logs of this container')
    .option('--all-containers', 'Get all containers\' logs in the pod(s).')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.')
    .option('-f, --follow', 'Specify if the logs should be streamed.')
    .option('-p, --previous', 'If true, print the logs for the previous instance of the container in a pod if it exists.')
    .option('--tail <lines>', 'Lines of recent log file to display.', intFlag('--tail', 'logs'))
    .option('--since <duration>', 'Only return logs newer than a relative duration like 5s, 2m, or 3h.')
    .option('--timestamps', 'Include timestamps on each line in the log output')
    .option('--prefix', 'Prefix each log line with the log source (pod name and container name)')
    .option('--max-log-requests <n>', 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.', intFlag('--max-log-requests', 'logs'), 5)
    .option('--ignore-errors', 'If watching / following pod logs, allow for any errors that occur to be non-fatal')
    .option('--pod-running-timeout <duration>', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running')
    .action(async (args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (!args.length && o.selector === undefined) throw new RawError(`error: ${USAGE}\nSee '${PROGRAM} logs -h' for help and examples`);
      if (args.length && o.selector !== undefined) throw new RawError(`error: only a selector (-l) or a POD name is allowed\nSee '${PROGRAM} logs -h' for help and examples`);
      if (o.allContainers && o.container) throw new CliError(`--all-containers=true should not be specified with container name ${o.container}`);
      const target = resolveTarget(o);
      const sinceMs = o.since ? parseDuration(o.since) : undefined;
      // With a selector kubectl shows the last 10 lines of each pod unless told otherwise.
      const tail: number = o.tail ?? (o.selector !== undefined ? 10 : -1);
      const prefix = !!o.prefix;
      const format = (pod: string, c: string, l: LogLine) => `${prefix ? `[pod/${pod}/${c}] ` : ''}${o.timestamps ? `${nanoStamp(l.t)} ` : ''}${l.line}\n`;

      const streams = withCluster(target.cluster, (api) => {
        const PODS = lookupResource('pods')!;
        if (o.selector !== undefined) checkAccess(api, target, attributesFor(PODS, 'list', target.namespace));
        const pods = o.selector !== undefined ? podsBySelector(api, target.namespace, o.selector) : [podForArg(api, args, target.namespace)];
        for (const p of pods) checkAccess(api, target, attributesFor(PODS, 'get', target.namespace, p.metadata.name, 'log'));
        if (!pods.length) {
          err(`No resources found in ${target.namespace} namespace.`);
          return [];
        }
        const list: Stream[] = [];
        for (const pod of pods) {
          const names = o.allContainers
            ? [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => c.name)
            : [pickContainer(pod, o.container ?? (o.selector === undefined ? args[1] : undefined), o.selector !== undefined).name];
          for (const c of names) list.push({ pod: pod.metadata.name, container: c, seen: 0, done: false });
        }
        if (o.follow && list.length > o.maxLogRequests) {
          throw new CliError(`you are attempting to follow ${list.length} log streams, but maximum allowed concurrency is ${o.maxLogRequests}, use --max-log-requests to increase the limit`);
        }
        let text = '';
        for (const s of list) {
          const pod = api.get<Pod>('pods', target.namespace, s.pod)!;
          const problem = waitingError(pod, s.container, !!o.previous);
          if (problem) {
            if (o.allContainers && !o.previous) {
              s.done = true;
              continue;
            }
            throw problem;
          }
          let lines = containerLogs(api, pod, s.container, !!o.previous) ?? [];
          if (sinceMs !== undefined) lines = lines.filter((l) => l.t >= api.now() - sinceMs);
          if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
          text += lines.map((l) => format(s.pod, s.container, l)).join('');
          s.seen = (containerLogs(api, pod, s.container, false) ?? []).length;
          s.done = !isRunning(pod, s.container);
        }
        out(text);
        return list;
      });
      if (!o.follow || o.previous || streams.every((s) => s.done)) return;
      await watchLoop({
        cluster: target.cluster,
        start: () => undefined,
        onChanges: (api) => {
          for (const s of streams.filter((x) => !x.done)) {
            const pod = api.get<Pod>('pods', target.namespace, s.pod);
            const lines = pod ? containerLogs(api, pod, s.container, false) ?? [] : [];
            if (lines.length < s.seen) s.seen = 0;
            out(lines.slice(s.seen).map((l) => format(s.pod, s.container, l)).join(''));
            s.seen = lines.length;
            // The stream ends when the container stops (or the pod goes).
            if (!isRunning(pod, s.container)) s.done = true;
          }
          return streams.every((s) => s.done);
        },
      });
    });
}

function podForArg(api: ApiServer, args: string[], namespace: string): Pod {
  let pods: Pod[];
  try {
    pods = findPods(api, args[0], namespace);
  } catch (e) {
    if (e instanceof ApiError && e.reason === 'NotFound' && !args[0].includes('/')) {
      throw new CliError(`error from server (NotFound): pods "${args[0]}" not found in namespace "${namespace}"`);
    }
    throw e;
  }
  if (pods.length > 1) err(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}`);
  return pods[0];
}

function podsBySelector(api: ApiServer, namespace: string, selector: string): Pod[] {
  const sel = parseLabelSelector(selector);
  return api.list<Pod>('pods', namespace).filter((p) => matchesLabels(sel, p.metadata.labels));
}

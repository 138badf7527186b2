import type { KindPrinter, PrintContext } from './kind-printer.ts';
import { age, since } from './kind-printer.ts';
import type { ContainerStatus, Pod } from '../../api/types.ts';
import { parseTime, rfc3339 } from '../../util/time.ts';

function terminatedReason(t: NonNullable<ContainerStatus['state']['terminated']>, prefix = ''): string {
  if (t.reason) return prefix + t.reason;
  return prefix + (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`);
}

/** kubectl's STATUS column (printPod). */
export function podStatus(pod: Pod): string {
  const st = pod.status ?? {};
  let reason = st.reason || st.phase || 'Pending';
  if (st.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  let initializing = false;
  const inits = st.initContainerStatuses ?? [];
  const initSpecs = pod.spec.initContainers ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    const sidecar = initSpecs[i]?.restartPolicy === 'Always';
    if (c.state.terminated && c.state.terminated.exitCode === 0) continue;
    if (sidecar && c.started) continue;
    if (c.state.terminated) reason = terminatedReason(c.state.terminated, 'Init:');
    else if (c.state.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }
  const initializedTrue = st.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    let hasRunning = false;
    const cs = st.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state.terminated) reason = terminatedReason(c.state.terminated);
      else if (c.ready && c.state.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      reason = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(st.phase ?? '')) {
    reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  }
  return reason;
}

export function podReady(pod: Pod): string {
  const specs = pod.spec.containers.length + (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const readySidecars = (pod.status?.initContainerStatuses ?? []).filter((c) => sidecars.has(c.name) && c.started && c.ready).length;
  const ready = (pod.status?.containerStatuses ?? []).filter((c) => c.ready && c.state.running).length + readySidecars;
  return `${ready}/${specs}`;
}

/** RESTARTS as printPod counts it: the init containers' while the pod initializes, then the containers' (and sidecars'). */
export function podRestarts(pod: Pod, ctx: PrintContext): string {
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const inits = pod.status?.initContainerStatuses ?? [];
  const initializing = inits.some((c) => c.state.terminated?.exitCode !== 0 && !(sidecars.has(c.name) && c.started));
  const initialized = pod.status?.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True');
  const counted = !initializing || initialized ? [...inits.filter((c) => sidecars.has(c.name)), ...(pod.status?.containerStatuses ?? [])] : inits;
  let restarts = 0;
  let last: number | undefined;
  for (const c of counted) {
    restarts += c.restartCount ?? 0;
    const fin = parseTime(c.lastState?.terminated?.finishedAt);
    if (fin !== undefined && (last === undefined || fin > last)) last = fin;
  }
  if (restarts > 0 && last !== undefined) return `${restarts} (${since(rfc3339(last), ctx.now)} ago)`;
  return String(restarts);
}

export const podPrinter: KindPrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'READY' },
    { name: 'STATUS' },
    { name: 'RESTARTS' },
    { name: 'AGE' },
    { name: 'IP', wide: true },
    { name: 'NODE', wide: true },
    { name: 'NOMINATED NODE', wide: true },
    { name: 'READINESS GATES', wide: true },
  ],
  cells(obj, ctx) {
    const pod = obj as Pod;
    const gates = pod.spec.readinessGates as { conditionType: string }[] | undefined;
    const gateCell = gates?.length
      ? `${gates.filter((g) => pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}`
      : '<none>';
    return [
      pod.metadata.name,
      podReady(pod),
      podStatus(pod),
      podRestarts(pod, ctx),
      age(pod, ctx),
      pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
      pod.spec.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      gateCell,
    ];
  },
};

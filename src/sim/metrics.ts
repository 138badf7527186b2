// What metrics-server reports: each running container's CPU and memory, from what it runs (an
// idle server, a busy loop, stress) within its limits, sampled every 15 seconds with a little
// noise; a node's usage is its pods' plus the system's. Deterministic: the same cluster at the
// same time always reads the same.
import type { ApiServer } from '../api/server.ts';
import type { Container, Node, Pod } from '../api/types.ts';
import { lookupImage, parseImageRef } from './images.ts';
import { planRun } from './container-run.ts';
import { milliValue, parseQuantity } from '../util/quantity.ts';
import { parseTime } from '../util/time.ts';

/** metrics-server's --metric-resolution. */
export const SCRAPE_MS = 15_000;

export interface Usage {
  /** Nanocores, as the Metrics API carries CPU. */
  cpuNano: number;
  memBytes: number;
}

/** Idle CPU of well-known programs (millicores); anything else that serves idles at 1m, the rest at 0. */
const IDLE_MILLI: [RegExp, number][] = [
  [/kube-apiserver/, 45],
  [/etcd/, 24],
  [/kube-controller-manager/, 14],
  [/kube-scheduler/, 4],
  [/coredns/, 2],
  [/kube-proxy/, 1],
  [/calico|flannel|canal|cni/, 9],
  [/metrics-server/, 3],
  [/mysql|postgres|mongo|mariadb|rabbitmq|tomcat/, 6],
];

/** Resident memory (MiB) of the control plane's programs, which the image table does not size. */
const MEMORY_MI: [RegExp, number][] = [
  [/kube-apiserver/, 276],
  [/etcd/, 44],
  [/kube-controller-manager/, 48],
  [/kube-scheduler/, 21],
  [/coredns/, 13],
  [/kube-proxy/, 16],
  [/calico|flannel|canal|cni/, 38],
  [/metrics-server/, 18],
];

const MI = 1024 * 1024;

/** A stable number in [-1, 1) from a key: the sample's noise. */
function noise(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return (h % 20000) / 10000 - 1;
}

function containerUsage(pod: Pod, c: Container, window: number): Usage {
  const ref = parseImageRef(c.image);
  const image = ref ? lookupImage(ref).image : undefined;
  const startedAt = parseTime(pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state.running?.startedAt) ?? 0;
  const plan = image ? planRun(image, c, pod.metadata.namespace, startedAt) : undefined;
  const text = `${c.image} ${(c.command ?? []).join(' ')}`;
  const idleMilli = IDLE_MILLI.find(([re]) => re.test(text))?.[1] ?? (image?.server ? 1 : 0);
  const key = `${pod.metadata.uid}/${c.name}/${window}`;
  // Idle programs wander; a process that spins holds its CPUs (a hair under, for the scheduler's share).
  let cpuMilli = idleMilli * (1 + 0.15 * noise(key)) + (plan?.cpuMilli ?? 0) * (1 - 0.01 * Math.abs(noise(`${key}/busy`)));
  const limit = c.resources?.limits?.cpu;
  // CFS quota: a container never gets more than its limit.
  if (limit !== undefined) cpuMilli = Math.min(cpuMilli, milliValue(String(limit)) * (1 - 0.002 * Math.abs(noise(`${key}/quota`))));
  const memMi = MEMORY_MI.find(([re]) => re.test(text))?.[1] ?? plan?.memoryMi ?? image?.memoryMi ?? 4;
  const cpuNano = Math.max(0, cpuMilli * 1e6);
  const memBytes = Math.max(0, memMi * MI * (1 + 0.03 * noise(`${key}/mem`)));
  return { cpuNano: Math.round(cpuNano), memBytes: Math.round(memBytes) };
}

const windowAt = (now: number) => Math.floor(now / SCRAPE_MS);

/**
 * The containers' usage of a pod as metrics-server last scraped it, or undefined when it has none
 * yet (not Running, or not running through a full scrape).
 */
export function podUsage(api: ApiServer, pod: Pod): { container: string; usage: Usage }[] | undefined {
  if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) return undefined;
  const node = api.get<Node>('nodes', undefined, pod.spec.nodeName ?? '');
  if (!node || node.metadata.annotations?.['kubesim.io/kubelet-stopped']) return undefined;
  const now = api.now();
  const started = (pod.status.containerStatuses ?? []).map((s) => parseTime(s.state.running?.startedAt)).filter((t): t is number => t !== undefined);
  if (!started.length || now - Math.max(...started) < SCRAPE_MS) return undefined;
  const window = windowAt(now);
  return pod.spec.containers
    .filter((c) => pod.status.containerStatuses?.find((s) => s.name === c.name)?.state.running)
    .map((c) => ({ container: c.name, usage: containerUsage(pod, c, window) }));
}

/** A node's usage (its pods and the system: kubelet, runtime, OS), or undefined when its kubelet does not answer. */
export function nodeUsage(api: ApiServer, node: Node): Usage | undefined {
  if (node.metadata.annotations?.['kubesim.io/kubelet-stopped']) return undefined;
  const ready = node.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  if (!ready) return undefined;
  const window = windowAt(api.now());
  const controlPlane = 'node-role.kubernetes.io/control-plane' in (node.metadata.labels ?? {});
  const total: Usage = {
    cpuNano: (controlPlane ? 48 : 22) * 1e6 * (1 + 0.2 * noise(`${node.metadata.name}/${window}`)),
    memBytes: (controlPlane ? 640 : 520) * MI * (1 + 0.02 * noise(`${node.metadata.name}/${window}/mem`)),
  };
  for (const pod of api.list<Pod>('pods').filter((p) => p.spec.nodeName === node.metadata.name)) {
    for (const { usage } of podUsage(api, pod) ?? []) {
      total.cpuNano += usage.cpuNano;
      total.memBytes += usage.memBytes;
    }
  }
  return { cpuNano: Math.round(total.cpuNano), memBytes: Math.round(total.memBytes) };
}

/** Node allocatable (or capacity) in millicores and bytes. */
export function nodeResources(node: Node, capacity: boolean): { cpuMilli: number; memBytes: number } {
  const r = (capacity ? node.status.capacity : node.status.allocatable) ?? {};
  return { cpuMilli: milliValue(String(r.cpu ?? '0')), memBytes: parseQuantity(String(r.memory ?? '0')) };
}

/** Whether the Metrics API is served: metrics-server installed (the `metrics-server` addon) and ready. */
export function metricsApi(api: ApiServer): 'absent' | 'unavailable' | 'available' {
  const d = api.get('deployments', 'kube-system', 'metrics-server');
  if (!d) return 'absent';
  return (d.status?.availableReplicas ?? 0) > 0 ? 'available' : 'unavailable';
}

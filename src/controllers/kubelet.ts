// The kubelets of all nodes. A pod's life is data: each container moves through the stages of
// CONTAINER_STAGES (image pull, start, run, exit, back-off), each with the condition under which
// it applies, how long it lasts and what it becomes; the pod's status is derived from them.
// One timer per pod marks the next instant something happens to it.
import type { Controller } from './controller.ts';
import type { ApiServer } from '../api/server.ts';
import type { Condition, Container, ContainerStatus, Node, Pod } from '../api/types.ts';
import type { ContainerRuntime, ContainerStage, PodRuntime } from '../store/schema.ts';
import { parseTime } from '../util/time.ts';
import { appOf, imageID, lookupImage, parseImageRef, pullError, type ImageInfo } from '../sim/images.ts';
import { planRun } from '../sim/container-run.ts';
import { containerStarted } from '../sim/traffic.ts';
import { nextProbeTime, tickProbes } from './probes.ts';
import { formatGoDuration } from '../util/duration.ts';
import { parseQuantity } from '../util/quantity.ts';
import { keyOf } from '../api/server.ts';
import { resolveHost } from '../sim/network.ts';
import { containerConfigError, missingVolumeSource } from '../sim/pod-config.ts';
import { runToolInContainer } from '../sim/container-shell.ts';
import { applyDueFileOps, forgetPodData, nextFileOpAt, processStarted, processStopped } from '../sim/volume-data.ts';
import { containerEnv } from '../sim/container-env.ts';

const SYNC = 'kubelet-sync';
const ADMIT_MS = 500;
const SANDBOX_MS = 1000;
const MAX_BACKOFF_MS = 300_000;
const INITIAL_BACKOFF_MS = 10_000;
const PULL_FAIL_MS = 1500;
const RESYNC_AFTER_EXIT_MS = 1000;
const PULL_BYTES_PER_SEC = 25_000_000;
/** How long a process over its memory limit lives before the OOM killer ends it. */
const OOM_AFTER_MS = 1500;
/** The retry interval of a script looping on nslookup (`sleep 2`). */
const DNS_RETRY_MS = 2000;
/** How soon a pod waiting for a ConfigMap or Secret notices it. */
const CONFIG_RETRY_MS = 1000;
const MOUNT_BACKOFF_START_MS = 2000;
const MOUNT_BACKOFF_MAX_MS = 122_000;

interface Ctx {
  api: ApiServer;
  pod: Pod;
  /** An init container (runs to completion before the containers start). */
  init: boolean;
  node: string;
  now: number;
  spec: Container;
  rt: ContainerRuntime;
  status: ContainerStatus;
  image?: ImageInfo;
}

function event(ctx: Ctx, type: 'Normal' | 'Warning', reason: string, message: string): void {
  const field = ctx.init ? 'initContainers' : 'containers';
  ctx.api.recordEvent(ctx.pod, type, reason, message, 'kubelet', { host: ctx.node, fieldPath: `spec.${field}{${ctx.spec.name}}` });
}

/** The waiting reason of a container being created: pods with init containers say PodInitializing. */
const creatingReason = (pod: Pod) => (pod.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating');

const ts = (api: ApiServer, ms: number) => api.timestamp(ms);

function imagePresent(ctx: Ctx): boolean {
  return (ctx.api.state.nodeImages[ctx.node] ?? []).includes(ctx.spec.image);
}

function needsPull(ctx: Ctx): boolean {
  const policy = ctx.spec.imagePullPolicy ?? 'IfNotPresent';
  return policy === 'Always' || (policy === 'IfNotPresent' && !imagePresent(ctx));
}

function pullMs(ctx: Ctx): number {
  const size = ctx.image?.sizeBytes ?? 10_000_000;
  return Math.round(500 + (size / PULL_BYTES_PER_SEC) * 1000 * (0.8 + ctx.api.rng.next() * 0.4));
}

/** Enters a stage: does what entering it does, and sets how long it lasts. */
function enter(ctx: Ctx, stage: ContainerStage): void {
  ctx.rt.stage = stage;
  ctx.rt.until = undefined;
  STAGES[stage].enter(ctx);
}

interface StageDef {
  enter(ctx: Ctx): void;
  /** The stage that follows once `until` has passed. */
  next?(ctx: Ctx): ContainerStage;
}

const waiting = (ctx: Ctx, reason: string, message?: string) => {
  ctx.status.state = { waiting: { reason, ...(message ? { message } : {}) } };
  ctx.status.ready = false;
  ctx.status.started = false;
};

const STAGES: Record<ContainerStage, StageDef> = {
  Waiting: {
    enter(ctx) {
      waiting(ctx, creatingReason(ctx.pod));
      ctx.rt.until = ctx.now;
    },
    next: (ctx) => {
      const ref = parseImageRef(ctx.spec.image);
      if (!ref) return 'PullFailed';
      if (needsPull(ctx)) return 'Pulling';
      event(ctx, 'Normal', 'Pulled', `Container image "${ctx.spec.image}" already present on machine`);
      return 'Starting';
    },
  },
  Pulling: {
    enter(ctx) {
      // A restarting container keeps showing its last state while the image is pulled again.
      if (!ctx.status.state.waiting && !ctx.status.state.terminated) waiting(ctx, creatingReason(ctx.pod));
      event(ctx, 'Normal', 'Pulling', `Pulling image "${ctx.spec.image}"`);
      ctx.rt.pullStarted = ctx.now;
      ctx.rt.image = ctx.spec.image;
      const ref = parseImageRef(ctx.spec.image);
      ctx.rt.until = ctx.now + (ref && !pullError(ref) ? pullMs(ctx) : PULL_FAIL_MS);
    },
    next: (ctx) => {
      const ref = parseImageRef(ctx.spec.image);
      if (!ref || pullError(ref)) return 'PullFailed';
      const took = formatGoDuration(ctx.now - (ctx.rt.pullStarted ?? ctx.now));
      event(ctx, 'Normal', 'Pulled', `Successfully pulled image "${ctx.spec.image}" in ${took} (${took} including waiting). Image size: ${ctx.image?.sizeBytes ?? 0} bytes.`);
      const images = (ctx.api.state.nodeImages[ctx.node] ??= []);
      if (!images.includes(ctx.spec.image)) images.push(ctx.spec.image);
      ctx.rt.pullBackoffMs = 0;
      return 'Starting';
    },
  },
  PullFailed: {
    enter(ctx) {
      const ref = parseImageRef(ctx.spec.image);
      if (!ref) {
        const msg = `Failed to apply default image tag "${ctx.spec.image}": couldn't parse image name "${ctx.spec.image}": invalid reference format`;
        waiting(ctx, 'InvalidImageName', msg);
        event(ctx, 'Warning', 'InspectFailed', msg);
        event(ctx, 'Warning', 'Failed', 'Error: InvalidImageName');
        return;
      }
      const msg = `rpc error: code = NotFound desc = ${pullError(ref)}`;
      waiting(ctx, 'ErrImagePull', msg);
      event(ctx, 'Warning', 'Failed', `Failed to pull image "${ctx.spec.image}": ${msg}`);
      event(ctx, 'Warning', 'Failed', 'Error: ErrImagePull');
      ctx.rt.pullBackoffMs = ctx.rt.pullBackoffMs ? Math.min(ctx.rt.pullBackoffMs * 2, MAX_BACKOFF_MS) : INITIAL_BACKOFF_MS;
      ctx.rt.until = ctx.now + 1000;
    },
    next: () => 'PullBackOff',
  },
  PullBackOff: {
    enter(ctx) {
      waiting(ctx, 'ImagePullBackOff', `Back-off pulling image "${ctx.spec.image}"`);
      event(ctx, 'Normal', 'BackOff', `Back-off pulling image "${ctx.spec.image}"`);
      event(ctx, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      ctx.rt.until = ctx.now + ctx.rt.pullBackoffMs - 1000;
    },
    next: () => 'Pulling',
  },
  Starting: {
    enter(ctx) {
      ctx.rt.until = ctx.now;
    },
    next: (ctx) => {
      if (containerConfigError(ctx.api, ctx.pod, ctx.spec)) return 'ConfigError';
      const tool = (argv: string[]) => runToolInContainer({ api: ctx.api, pod: ctx.pod, container: ctx.spec, tty: false }, argv);
      const plan = planRun(ctx.image!, ctx.spec, ctx.pod.metadata.namespace, ctx.now, containerEnv(ctx.api, ctx.pod, ctx.spec), tool);
      ctx.status.restartCount = ctx.rt.restarts;
      if (ctx.status.state.terminated) ctx.status.lastState = { terminated: ctx.status.state.terminated };
      if (plan.startError) {
        ctx.rt.exitCode = plan.exitCode;
        ctx.status.state = {
          terminated: { exitCode: plan.exitCode, reason: 'StartError', message: plan.startError, startedAt: '1970-01-01T00:00:00Z', finishedAt: ts(ctx.api, ctx.now), containerID: ctx.status.containerID },
        };
        event(ctx, 'Normal', 'Created', `Created container: ${ctx.spec.name}`);
        event(ctx, 'Warning', 'Failed', `Error: ${plan.startError}`);
        return 'Exited';
      }
      event(ctx, 'Normal', 'Created', `Created container: ${ctx.spec.name}`);
      event(ctx, 'Normal', 'Started', `Started container ${ctx.spec.name}`);
      containerStarted(ctx.api, ctx.pod, ctx.spec, plan);
      processStarted(ctx.api, ctx.pod, ctx.spec, plan.files, plan.loop);
      ctx.status.containerID = `containerd://${ctx.api.rng.hex(64)}`;
      ctx.status.state = { running: { startedAt: ts(ctx.api, ctx.now) } };
      ctx.status.started = true;
      ctx.rt.startedAt = ctx.now;
      ctx.rt.probes = {};
      ctx.status.ready = (!ctx.init || !!ctx.rt.sidecar) && !ctx.spec.readinessProbe && !ctx.spec.startupProbe;
      ctx.rt.image = ctx.spec.image;
      ctx.rt.probeAt = nextProbeTime(ctx.spec, ctx.rt, ctx.now, false);
      ctx.rt.exitCode = plan.exitAfterMs === undefined ? undefined : plan.exitCode;
      ctx.rt.exitAt = plan.exitAfterMs === undefined ? undefined : ctx.now + plan.exitAfterMs;
      ctx.rt.exitReason = undefined;
      ctx.rt.killedByProbe = undefined;
      ctx.rt.waitHost = undefined;
      if (plan.waitsForHost) {
        const host = plan.waitsForHost;
        if (!resolveHost(ctx.api, host, ctx.pod.metadata.namespace ?? 'default')) {
          // Loops until the name resolves; the kubelet looks again when services change.
          ctx.rt.waitHost = host;
          ctx.rt.afterWaitMs = plan.exitAfterMs;
          ctx.rt.exitAt = undefined;
          waitersOf(ctx.api)[keyOf(ctx.pod)] = true;
        }
      }
      const limit = memoryLimitMi(ctx.spec);
      if (limit !== undefined && plan.memoryMi > limit && (ctx.rt.exitAt === undefined || ctx.rt.exitAt > ctx.now + OOM_AFTER_MS)) {
        killAt(ctx.rt, ctx.now + OOM_AFTER_MS, 137, 'OOMKilled');
      }
      return 'Running';
    },
  },
  ConfigError: {
    // The kubelet retries at each sync; kubesim backs off (10s doubling to 5m) and looks again
    // at once when ConfigMaps or Secrets change.
    enter(ctx) {
      const message = containerConfigError(ctx.api, ctx.pod, ctx.spec)!;
      if (ctx.status.state.terminated) ctx.status.lastState = { terminated: ctx.status.state.terminated };
      ctx.status.state = { waiting: { reason: 'CreateContainerConfigError', message } };
      ctx.status.ready = false;
      event(ctx, 'Warning', 'Failed', `Error: ${message}`);
      ctx.rt.configBackoffMs = Math.min((ctx.rt.configBackoffMs ?? INITIAL_BACKOFF_MS / 2) * 2, MAX_BACKOFF_MS);
      ctx.rt.until = ctx.now + ctx.rt.configBackoffMs;
      waitersOf(ctx.api, CONFIG_WAITERS)[keyOf(ctx.pod)] = true;
    },
    next: (ctx) => {
      event(ctx, 'Normal', 'Pulled', `Container image "${ctx.spec.image}" already present on machine`);
      return 'Starting';
    },
  },
  Running: {
    enter(ctx) {
      ctx.rt.until = ctx.rt.exitAt;
    },
    next: (ctx) => {
      processStopped(ctx.api, ctx.pod, ctx.spec);
      const code = ctx.rt.exitCode ?? 0;
      ctx.status.state = {
        terminated: {
          exitCode: code,
          reason: ctx.rt.exitReason ?? (code === 0 ? 'Completed' : 'Error'),
          startedAt: ts(ctx.api, ctx.rt.startedAt ?? ctx.now),
          finishedAt: ts(ctx.api, ctx.now),
          containerID: ctx.status.containerID,
        },
      };
      ctx.status.ready = false;
      ctx.status.started = false;
      return 'Exited';
    },
  },
  Exited: {
    // The terminated state is reported first; the kubelet decides on a restart at its next sync.
    enter(ctx) {
      ctx.status.ready = false;
      ctx.rt.finishedAt = ctx.now;
      ctx.rt.until = ctx.now + RESYNC_AFTER_EXIT_MS;
    },
    next: (ctx) => {
      const policy = ctx.pod.spec.restartPolicy ?? 'Always';
      const code = ctx.rt.exitCode ?? 0;
      // Init containers run to completion: a success is final whatever the pod's policy says.
      // Sidecars are restarted whatever happens, until the pod ends.
      const final = ctx.rt.sidecar ? !!ctx.rt.stopping : ctx.init ? code === 0 || policy === 'Never' : policy === 'Never' || (policy === 'OnFailure' && code === 0);
      if (final) {
        return 'Done';
      }
      // kubelet's back-off: the first restart is immediate, then 10s doubling to 5m.
      if (!ctx.rt.backoffMs) {
        ctx.rt.backoffMs = INITIAL_BACKOFF_MS;
        return restart(ctx);
      }
      return 'CrashLoopBackOff';
    },
  },
  CrashLoopBackOff: {
    enter(ctx) {
      const msg = `back-off ${formatGoDuration(ctx.rt.backoffMs)} restarting failed container=${ctx.spec.name} pod=${ctx.pod.metadata.name}_${ctx.pod.metadata.namespace}(${ctx.pod.metadata.uid})`;
      if (ctx.status.state.terminated) ctx.status.lastState = { terminated: ctx.status.state.terminated };
      ctx.status.state = { waiting: { reason: 'CrashLoopBackOff', message: msg } };
      event(ctx, 'Warning', 'BackOff', `Back-off restarting failed container ${ctx.spec.name} in pod ${ctx.pod.metadata.name}_${ctx.pod.metadata.namespace}(${ctx.pod.metadata.uid})`);
      ctx.rt.until = Math.max(ctx.now, (ctx.rt.finishedAt ?? ctx.now) + ctx.rt.backoffMs);
      ctx.rt.backoffMs = Math.min(ctx.rt.backoffMs * 2, MAX_BACKOFF_MS);
    },
    next: restart,
  },
  Done: {
    enter(ctx) {
      ctx.status.ready = ctx.init && !ctx.rt.sidecar && (ctx.rt.exitCode ?? 0) === 0;
    },
  },
};

/** Pods with a container looping until a host name resolves (keys), looked at when services change. */
const DNS_WAITERS = 'dnsWaiters';
/** Pods waiting for a ConfigMap or Secret (to mount it, or to build a container's environment). */
const CONFIG_WAITERS = 'configWaiters';
const waitersOf = (api: ApiServer, kind = DNS_WAITERS): Record<string, true> => (api.state.alloc[kind] ??= {});

/** A ConfigMap or Secret appeared or changed: pods waiting for one try again a moment later. */
function wakeConfigWaiters(api: ApiServer): void {
  const waiters = waitersOf(api, CONFIG_WAITERS);
  for (const key of Object.keys(waiters)) {
    const [ns, name] = key.split('/');
    const pod = api.get<Pod>('pods', ns, name);
    const rt = pod && api.state.runtime[pod.metadata.uid!];
    const waiting = rt && (rt.mountBackoffMs || [...(rt.init ?? []), ...rt.containers].some((c) => c.stage === 'ConfigError'));
    if (!waiting) {
      delete waiters[key];
      continue;
    }
    const soon = api.now() + CONFIG_RETRY_MS;
    if (rt!.mountBackoffMs && rt!.until! > soon) rt!.until = soon;
    for (const c of [...(rt!.init ?? []), ...rt!.containers]) if (c.stage === 'ConfigError' && c.until! > soon) c.until = soon;
    api.dirty = true;
    scheduleNext(api, pod!, rt!);
  }
}

/** Services changed: containers waiting for a name that now resolves finish their loop. */
function wakeDnsWaiters(api: ApiServer): void {
  const waiters = waitersOf(api);
  for (const key of Object.keys(waiters)) {
    const [ns, name] = key.split('/');
    const pod = api.get<Pod>('pods', ns, name);
    const rt = pod && api.state.runtime[pod.metadata.uid!];
    const waiting = rt ? [...(rt.init ?? []), ...rt.containers].filter((c) => c.stage === 'Running' && c.waitHost) : [];
    if (!waiting.length) {
      delete waiters[key];
      continue;
    }
    let woke = false;
    for (const c of waiting) {
      if (!resolveHost(api, c.waitHost!, ns)) continue;
      // The loop notices on its next round (it sleeps a couple of seconds between tries).
      c.waitHost = undefined;
      c.exitAt = c.until = api.now() + DNS_RETRY_MS + (c.afterWaitMs ?? 0);
      woke = true;
    }
    if (woke) {
      api.dirty = true;
      if (![...(rt!.init ?? []), ...rt!.containers].some((c) => c.waitHost)) delete waiters[key];
      scheduleNext(api, pod!, rt!);
    }
  }
}

/** The container's memory limit in MiB, undefined when it has none. */
function memoryLimitMi(c: Container): number | undefined {
  const limit = c.resources?.limits?.memory;
  if (limit === undefined) return undefined;
  try {
    return parseQuantity(String(limit)) / (1024 * 1024);
  } catch {
    return undefined;
  }
}

/** Ends a running container's process at `at` (a crash, a kill, the OOM killer). */
export function killAt(rt: ContainerRuntime, at: number, exitCode: number, reason?: string): void {
  rt.exitAt = at;
  rt.exitCode = exitCode;
  rt.exitReason = reason;
}

/**
 * The container's image was changed in the pod's spec (the only container field a pod update may
 * change): a running process is stopped and started from the new image; a container backing off
 * from a pull or a crash tries the new image at once (the back-off belonged to the old one).
 */
function respec(ctx: Ctx): void {
  const { rt, status, now } = ctx;
  rt.pullBackoffMs = 0;
  rt.backoffMs = 0;
  if (rt.stage === 'Running') {
    event(ctx, 'Normal', 'Killing', `Container ${ctx.spec.name} definition changed, will be restarted`);
    status.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: ts(ctx.api, rt.startedAt ?? now), finishedAt: ts(ctx.api, now), containerID: status.containerID } };
    status.ready = false;
    status.started = false;
    rt.exitCode = 0;
    rt.probeAt = undefined;
    enter(ctx, restart(ctx));
    return;
  }
  if (['Exited', 'CrashLoopBackOff'].includes(rt.stage)) {
    enter(ctx, restart(ctx));
    return;
  }
  rt.image = ctx.spec.image;
  enter(ctx, 'Waiting');
}

/** Begins the container again (pulling first if the policy says so); counted once it is created. */
function restart(ctx: Ctx): ContainerStage {
  ctx.rt.restarts++;
  if (needsPull(ctx)) return 'Pulling';
  event(ctx, 'Normal', 'Pulled', `Container image "${ctx.spec.image}" already present on machine`);
  return 'Starting';
}

function setCondition(pod: Pod, type: string, status: 'True' | 'False', now: string, reason?: string): void {
  const conds = (pod.status.conditions ??= []);
  const c = conds.find((x) => x.type === type);
  if (c) {
    if (c.status !== status) c.lastTransitionTime = now;
    c.status = status;
    if (reason) c.reason = reason;
    else delete c.reason;
  } else {
    conds.push({ type, status, lastProbeTime: null, lastTransitionTime: now, ...(reason ? { reason } : {}) } as Condition);
  }
}

const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

/** An init container is behind the pod once it succeeded, or, for a sidecar, once it has started. */
const initPassed = (c: ContainerRuntime, status?: ContainerStatus) => (c.sidecar ? c.restarts > 0 || !!status?.started || c.stage === 'Done' : c.stage === 'Done' && (c.exitCode ?? 0) === 0);
const initDone = (rt: PodRuntime, pod?: Pod) => (rt.init ?? []).every((c, i) => initPassed(c, pod?.status?.initContainerStatuses?.[i]) || (c.sidecar && rt.stage === 'Containers'));
const initFailed = (rt: PodRuntime) => (rt.init ?? []).some((c) => !c.sidecar && c.stage === 'Done' && (c.exitCode ?? 0) !== 0);

/** Derives phase and conditions from the containers, as the kubelet's status manager does. */
function updatePodStatus(api: ApiServer, pod: Pod, rt: PodRuntime): void {
  const now = api.timestamp();
  const inContainers = rt.stage === 'Containers';
  const stages = rt.containers.map((c) => c.stage);
  const everStarted = inContainers && rt.containers.every((c) => c.restarts > 0 || ['Running', 'Exited', 'CrashLoopBackOff', 'Done'].includes(c.stage));
  const allDone = inContainers && stages.every((s) => s === 'Done');
  let phase = 'Pending';
  if (initFailed(rt)) phase = 'Failed';
  else if (allDone) phase = rt.containers.every((c) => (c.exitCode ?? 0) === 0) ? 'Succeeded' : 'Failed';
  else if (everStarted) phase = 'Running';
  pod.status.phase = phase;
  const sidecarStatuses = (pod.status.initContainerStatuses ?? []).filter((_, i) => rt.init?.[i]?.sidecar);
  const statuses = [...sidecarStatuses, ...(pod.status.containerStatuses ?? [])];
  const allReady = statuses.length > 0 && statuses.every((s) => s.ready);
  const terminal = allDone || initFailed(rt);
  setCondition(pod, 'PodReadyToStartContainers', rt.stage === 'Admitted' || terminal ? 'False' : 'True', now);
  const initialized = initDone(rt, pod);
  setCondition(pod, 'Initialized', initialized ? 'True' : 'False', now, initialized ? undefined : 'ContainersNotInitialized');
  const notReadyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  setCondition(pod, 'Ready', allReady ? 'True' : 'False', now, allReady ? undefined : notReadyReason);
  setCondition(pod, 'ContainersReady', allReady ? 'True' : 'False', now, allReady ? undefined : notReadyReason);
  setCondition(pod, 'PodScheduled', 'True', now);
  pod.status.conditions!.sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
  const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
  const incomplete = (pod.spec.initContainers ?? []).filter((_, i) => rt.init?.[i] && !initPassed(rt.init[i], pod.status.initContainerStatuses?.[i])).map((c) => c.name);
  for (const c of pod.status.conditions!) {
    if ((c.type === 'Ready' || c.type === 'ContainersReady') && c.status === 'False' && !terminal) {
      c.message = `containers with unready status: [${notReady.join(' ')}]`;
    } else if (c.type === 'Initialized' && c.status === 'False') {
      c.message = `containers with incomplete status: [${incomplete.join(' ')}]`;
    } else delete c.message;
  }
}

/** The next free address of the node's pod CIDR (host-local IPAM: sequential, wrapping around). */
function allocatePodIP(api: ApiServer, pod: Pod, node: Node): string {
  if (pod.spec.hostNetwork) return node.status.addresses[0].address;
  const prefix = (node.spec.podCIDR ?? '10.244.0.0/24').split('.').slice(0, 3).join('.');
  const cursors: Record<string, number> = (api.state.alloc.podIPs ??= {});
  const wrapped: Record<string, boolean> = (api.state.alloc.podIPsWrapped ??= {});
  const name = node.metadata.name;
  // Until the range has been used up once, every address past the cursor is free.
  const used = wrapped[name] ? new Set(api.list<Pod>('pods').filter((p) => p.spec.nodeName === name).map((p) => p.status?.podIP)) : undefined;
  let next = cursors[name] ?? 1;
  for (let i = 0; i < 253; i++) {
    if (next >= 254) {
      next = 1;
      wrapped[name] = true;
    }
    next++;
    const ip = `${prefix}.${next}`;
    if (used?.has(ip)) continue;
    cursors[name] = next;
    return ip;
  }
  return `${prefix}.254`;
}

function initialStatus(c: Container, reason: string): ContainerStatus {
  return { name: c.name, image: c.image, imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason } }, lastState: {} };
}

/** Records an already running pod (one the cluster was installed with) in the runtime. */
export function adoptRunningPod(api: ApiServer, pod: Pod): void {
  api.state.runtime[pod.metadata.uid!] = {
    stage: 'Containers',
    containers: pod.spec.containers.map(() => ({ stage: 'Running', restarts: 0, backoffMs: 0, pullBackoffMs: 0, startedAt: parseTime(pod.status.startTime) })),
  };
}

const freshContainer = (): ContainerRuntime => ({ stage: 'Waiting', restarts: 0, backoffMs: 0, pullBackoffMs: 0 });

/**
 * Runs one container's due transitions and probes at `now`; returns whether its status changed.
 * The caller decides what may run: containers in order once the previous one has started, init
 * containers one at a time to completion.
 */
function advanceContainer(ctx: Ctx): boolean {
  const { api, rt: crt, spec, status, now } = ctx;
  const uid = ctx.pod.metadata.uid!;
  let changed = false;
  if (crt.image && crt.image !== spec.image && crt.stage !== 'Done') {
    respec(ctx);
    changed = true;
  }
  if (crt.stage === 'Waiting' && crt.until === undefined) {
    enter(ctx, 'Waiting');
    changed = true;
  }
  for (let guard = 0; guard < 20 && crt.until !== undefined && crt.until <= now; guard++) {
    const next = STAGES[crt.stage].next?.(ctx);
    if (!next) break;
    enter(ctx, next);
    changed = true;
  }
  const app = api.state.apps[uid]?.[spec.name];
  if (crt.stage === 'Running' && app?.probeDirty && crt.probeAt === undefined && !crt.killedByProbe) crt.probeAt = nextProbeTime(spec, crt, now, true);
  if (app) delete app.probeDirty;
  if (crt.stage === 'Running' && crt.probeAt !== undefined && crt.probeAt <= now) {
    const before = JSON.stringify(status);
    const verdict = tickProbes({ api, pod: ctx.pod, spec, rt: crt, status, event: (type, reason, message) => event(ctx, type, reason, message) }, now);
    if (verdict === 'restart') {
      // The kubelet stops the container as it would on deletion: SIGTERM, then SIGKILL once the grace period is over.
      const grace = spec.livenessProbe?.terminationGracePeriodSeconds ?? ctx.pod.spec.terminationGracePeriodSeconds ?? 30;
      const stop = containerStop(spec, grace);
      killAt(crt, now + stop.ms, stop.exitCode);
      crt.until = crt.exitAt;
      crt.probeAt = undefined;
      crt.killedByProbe = true;
    } else {
      crt.probeAt = nextProbeTime(spec, crt, now, false);
    }
    if (JSON.stringify(status) !== before) changed = true;
  }
  const ref = parseImageRef(spec.image);
  if (ref) {
    if (ctx.image && (status.state.running || status.state.terminated || status.lastState.terminated) && !status.imageID) status.imageID = imageID(ref);
    if (status.started || status.imageID) status.image = ref.full;
  }
  return changed;
}

function contextFor(api: ApiServer, pod: Pod, node: string, now: number, init: boolean, i: number, crt: ContainerRuntime): Ctx {
  const spec = (init ? pod.spec.initContainers! : pod.spec.containers)[i];
  const status = (init ? pod.status.initContainerStatuses! : pod.status.containerStatuses!)[i];
  const ref = parseImageRef(spec.image);
  return { api, pod, init, node, now, spec, rt: crt, status, image: ref ? lookupImage(ref).image : undefined };
}

/** The pod's containers have all ended: the kubelet stops its sidecars. */
function stopSidecar(ctx: Ctx): void {
  ctx.rt.stopping = true;
  if (ctx.status.state.running) {
    ctx.status.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: ts(ctx.api, ctx.rt.startedAt ?? ctx.now), finishedAt: ts(ctx.api, ctx.now), containerID: ctx.status.containerID } };
    event(ctx, 'Normal', 'Killing', `Stopping container ${ctx.spec.name}`);
  }
  ctx.status.ready = false;
  ctx.status.started = false;
  ctx.rt.exitCode = 0;
  enter(ctx, 'Done');
}

/** Advances one pod to `now`: runs every transition that is due, then schedules the next. */
export function syncPod(api: ApiServer, pod: Pod): void {
  const nodeName = pod.spec.nodeName;
  if (!nodeName || pod.metadata.deletionTimestamp || !pod.metadata.uid) return;
  const known = api.state.runtime[pod.metadata.uid];
  if (['Succeeded', 'Failed'].includes(pod.status?.phase ?? '') && known && (known.stage !== 'Containers' || known.containers.every((c) => c.stage === 'Done'))) return;
  const node = api.get<Node>('nodes', undefined, nodeName);
  if (!node || node.metadata.annotations?.['kubesim.io/kubelet-stopped']) return;
  const now = api.now();
  let rt = known;
  const copy = structuredClone(pod);
  const inits = pod.spec.initContainers ?? [];
  if (!rt) {
    rt = api.state.runtime[pod.metadata.uid] = {
      stage: 'Admitted',
      until: now + SANDBOX_MS,
      ...(inits.length ? { init: inits.map((c) => ({ ...freshContainer(), ...(c.restartPolicy === 'Always' ? { sidecar: true } : {}) })) } : {}),
      containers: pod.spec.containers.map(freshContainer),
    };
    copy.status.hostIP = node.status.addresses[0].address;
    copy.status.hostIPs = [{ ip: copy.status.hostIP }];
    copy.status.startTime = api.timestamp();
    if (inits.length) copy.status.initContainerStatuses = inits.map((c) => initialStatus(c, 'PodInitializing'));
    copy.status.containerStatuses = pod.spec.containers.map((c) => initialStatus(c, creatingReason(pod)));
    updatePodStatus(api, copy, rt);
    api.update(copy);
    scheduleNext(api, copy, rt);
    return;
  }
  let changed = false;
  if (rt.stage === 'Admitted' && rt.until! <= now) {
    // The volume manager mounts everything before the sandbox starts; a missing source is retried.
    const mountError = missingVolumeSource(api, pod);
    if (mountError) {
      api.recordEvent(pod, 'Warning', 'FailedMount', mountError, 'kubelet', { host: nodeName });
      rt.mountBackoffMs = Math.min((rt.mountBackoffMs ?? MOUNT_BACKOFF_START_MS / 2) * 2, MOUNT_BACKOFF_MAX_MS);
      rt.until = now + rt.mountBackoffMs;
      waitersOf(api, CONFIG_WAITERS)[keyOf(pod)] = true;
    } else {
      delete rt.mountBackoffMs;
      rt.stage = 'Sandbox';
      rt.until = now + SANDBOX_MS;
    }
  }
  if (rt.stage === 'Sandbox' && rt.until! <= now) {
    rt.stage = rt.init?.length ? 'Init' : 'Containers';
    rt.until = undefined;
    const ip = allocatePodIP(api, copy, node);
    copy.status.podIP = ip;
    copy.status.podIPs = [{ ip }];
    changed = true;
  }
  if (rt.stage === 'Init') {
    // One init container at a time, each to a successful end before the next begins.
    for (let i = 0; i < rt.init!.length; i++) {
      const crt = rt.init![i];
      if (!crt.sidecar && crt.stage === 'Done' && (crt.exitCode ?? 0) === 0) continue;
      if (advanceContainer(contextFor(api, copy, nodeName, now, true, i, crt))) changed = true;
      if (!initPassed(crt, copy.status.initContainerStatuses?.[i])) break;
    }
    if (initDone(rt, copy)) {
      rt.stage = 'Containers';
      changed = true;
    }
  }
  if (rt.stage === 'Containers' && applyDueFileOps(api, copy)) {
    // Files the processes touched or removed may change what exec probes find.
    for (const app of Object.values<any>(api.state.apps[copy.metadata.uid!] ?? {})) app.probeDirty = true;
  }
  if (rt.stage === 'Containers') {
    // Sidecars keep running (and restarting) beside the containers, and stop once they have all ended.
    const sidecars = (rt.init ?? []).map((crt, i) => ({ crt, i })).filter(({ crt }) => crt.sidecar && crt.stage !== 'Done');
    for (const { crt, i } of sidecars) if (advanceContainer(contextFor(api, copy, nodeName, now, true, i, crt))) changed = true;
    // Containers start in order: the next one begins once the previous one has started.
    for (let i = 0; i < rt.containers.length; i++) {
      const ctx = contextFor(api, copy, nodeName, now, false, i, rt.containers[i]);
      if (advanceContainer(ctx)) changed = true;
      if (!['Running', 'CrashLoopBackOff', 'Done', 'Exited'].includes(ctx.rt.stage) && !ctx.status.started) break;
    }
    if (sidecars.length && rt.containers.every((c) => c.stage === 'Done')) {
      for (const { crt, i } of sidecars) stopSidecar(contextFor(api, copy, nodeName, now, true, i, crt));
      changed = true;
    }
  }
  if (changed) {
    updatePodStatus(api, copy, rt);
    // The status manager only writes when the status really differs.
    if (JSON.stringify(copy.status) !== JSON.stringify(pod.status)) api.update(copy);
  }
  scheduleNext(api, copy, rt);
}

/** A container whose probes run a command: they may see what processes do to files. */
const probesFiles = (c: Container) => [c.livenessProbe, c.readinessProbe, c.startupProbe].some((p) => p?.exec);

function imagesChanged(pod: Pod, rt: PodRuntime): boolean {
  const differs = (specs: Container[] | undefined, rts: ContainerRuntime[] | undefined) => (rts ?? []).some((c, i) => c.image && specs?.[i] && c.image !== specs[i].image && c.stage !== 'Done');
  return differs(pod.spec.containers, rt.containers) || differs(pod.spec.initContainers, rt.init);
}

function scheduleNext(api: ApiServer, pod: Pod, rt: PodRuntime): void {
  const key = keyOf(pod);
  api.cancelTimers(SYNC, key);
  const times: number[] = [];
  if (rt.until !== undefined) times.push(rt.until);
  const fileOpAt = rt.stage === 'Containers' && pod.spec.containers.some((c) => probesFiles(c)) ? nextFileOpAt(api, pod) : undefined;
  if (fileOpAt !== undefined) times.push(fileOpAt);
  const active = rt.stage === 'Containers' ? [...(rt.init ?? []).filter((c) => c.sidecar), ...rt.containers] : rt.stage === 'Init' ? rt.init ?? [] : [];
  for (const c of active) {
    if (c.until !== undefined) times.push(c.until);
    if (c.stage === 'Running' && c.probeAt !== undefined) times.push(c.probeAt);
  }
  if (times.length) api.schedule(Math.max(api.now(), Math.min(...times)), SYNC, key);
}

/**
 * How a container stops after SIGTERM: a server's own program shuts down at once and exits 0; a
 * shell (or sleep) as PID 1 ignores the signal and is killed (137) when the grace period is over.
 */
function containerStop(c: Container, grace: number): { ms: number; exitCode: number } {
  const ignoresTerm = (argv: string[]) => /^(\/bin\/)?(sh|bash|ash|zsh|sleep)$/.test(argv[0]?.split('/').pop() ?? '');
  const ref = parseImageRef(c.image);
  const image = ref ? lookupImage(ref).image : undefined;
  // A Go server with no SIGTERM handler dies of the signal: 128 + 15.
  if (image && appOf(image, c).app === 'liveness') return { ms: Math.min(grace, 1) * 1000, exitCode: 143 };
  const quick = !image || (image.server && (!c.command || !ignoresTerm(c.command)));
  return quick ? { ms: Math.min(grace, 1) * 1000, exitCode: 0 } : { ms: grace * 1000, exitCode: 137 };
}

/** How long a pod's containers take to stop after SIGTERM: as long as the slowest of them. */
function stopMs(pod: Pod, grace: number): number {
  return Math.max(...pod.spec.containers.map((c) => containerStop(c, grace).ms));
}

/**
 * The containers of a deleted pod have stopped: the kubelet reports them terminated (exit 0
 * after a clean shutdown, 137 when the grace period ran out and they were killed), the pod
 * phase becomes terminal, and the pod object is removed.
 */
function podTerminated(api: ApiServer, key: string): void {
  const [ns, name] = key.split('/');
  const pod = api.get<Pod>('pods', ns, name);
  if (!pod?.metadata.deletionTimestamp) return;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  if (statuses.some((s) => s.state.running)) {
    const killed = api.now() >= parseTime(pod.metadata.deletionTimestamp)!;
    const copy = structuredClone(pod);
    for (const s of [...(copy.status.initContainerStatuses ?? []), ...copy.status.containerStatuses!]) {
      if (!s.state.running) continue;
      const code = killed ? 137 : 0;
      s.state = { terminated: { exitCode: code, reason: code ? 'Error' : 'Completed', startedAt: s.state.running.startedAt, finishedAt: api.timestamp(), containerID: s.containerID } };
      s.ready = false;
      s.started = false;
    }
    const failed = copy.status.containerStatuses!.some((s) => (s.state.terminated?.exitCode ?? 0) !== 0);
    copy.status.phase = failed ? 'Failed' : 'Succeeded';
    for (const c of copy.status.conditions ?? []) {
      if (c.type === 'Ready' || c.type === 'ContainersReady' || c.type === 'PodReadyToStartContainers') {
        if (c.status !== 'False') c.lastTransitionTime = api.timestamp();
        c.status = 'False';
      }
    }
    api.update(copy);
  }
  delete api.state.runtime[pod.metadata.uid!];
  delete api.state.apps[pod.metadata.uid!];
  forgetPodData(api, pod.metadata.uid!);
  api.remove(api.get('pods', ns, name)!);
}

export const kubelet: Controller = {
  name: 'kubelet',
  watches: ['pods', 'services', 'endpoints', 'configmaps', 'secrets'],
  reconcile(api, changes) {
    const touched = (...rs: string[]) => changes.some((c) => rs.includes(c.resource) && c.type !== 'DELETED');
    if (touched('services', 'endpoints') && Object.keys(waitersOf(api)).length) wakeDnsWaiters(api);
    if (touched('configmaps', 'secrets') && Object.keys(waitersOf(api, CONFIG_WAITERS)).length) wakeConfigWaiters(api);
    for (const c of changes) {
      if (c.resource !== 'pods') continue;
      if (c.type === 'DELETED') {
        api.cancelTimers(SYNC, c.key);
        if (c.obj.metadata.uid) {
          delete api.state.runtime[c.obj.metadata.uid];
          delete api.state.apps[c.obj.metadata.uid];
          forgetPodData(api, c.obj.metadata.uid);
        }
        continue;
      }
      const pod = api.get<Pod>('pods', c.obj.metadata.namespace, c.obj.metadata.name);
      if (!pod?.spec.nodeName) continue;
      if (pod.metadata.deletionTimestamp) {
        if (api.hasTimer('pod-terminated', c.key)) continue;
        // A dead node's kubelet cannot confirm anything: its pods stay Terminating.
        if (api.get<Node>('nodes', undefined, pod.spec.nodeName)?.metadata.annotations?.['kubesim.io/kubelet-stopped']) continue;
        api.cancelTimers(SYNC, c.key);
        const running = (pod.status?.containerStatuses ?? []).filter((s) => s.state.running || s.state.waiting);
        for (const s of running) {
          api.recordEvent(pod, 'Normal', 'Killing', `Stopping container ${s.name}`, 'kubelet', { host: pod.spec.nodeName, fieldPath: `spec.containers{${s.name}}` });
        }
        const grace = pod.metadata.deletionGracePeriodSeconds ?? 30;
        const deadline = parseTime(pod.metadata.deletionTimestamp)!;
        api.schedule(Math.min(deadline, api.now() + (running.length ? stopMs(pod, grace) : 0)), 'pod-terminated', c.key);
        continue;
      }
      // A newly bound pod reaches its node's kubelet a moment later.
      const rt = api.state.runtime[pod.metadata.uid!];
      if (!rt && !api.hasTimer(SYNC, c.key)) {
        api.schedule(api.now() + ADMIT_MS, SYNC, c.key);
      } else if (rt && imagesChanged(pod, rt)) {
        api.cancelTimers(SYNC, c.key);
        api.schedule(api.now(), SYNC, c.key);
      }
    }
  },
  timers: {
    [SYNC]: (api, key) => {
      const [ns, name] = key.split('/');
      const pod = api.get<Pod>('pods', ns, name);
      if (pod) syncPod(api, pod);
    },
    'pod-terminated': podTerminated,
  },
};

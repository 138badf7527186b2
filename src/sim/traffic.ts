// Requests reaching containers: which container of a pod answers on a port, its app's memory
// (per container run) and its logs, kept in the cluster state under apps[pod uid][container].
import type { ApiServer } from '../api/server.ts';
import type { Container, Pod } from '../api/types.ts';
import { appOf, lookupImage, parseImageRef } from './images.ts';
import { accessLogLine, httpRequest, startupLogs, type AppContext, type AppReply, type AppRequest } from './apps.ts';
import { parseQuantity } from '../util/quantity.ts';
import { replayLoop, type FollowedFile, type LoopState } from './script.ts';
import { ingressProxy, isIngressController } from './ingress-proxy.ts';
import { loopCommands, usesContainerTools, type RunPlan } from './container-run.ts';
import { runToolInContainer } from './container-shell.ts';
import { containerFilesystem, type LayeredFilesystem } from './volume-data.ts';

export interface LogLine {
  t: number;
  line: string;
}

export interface ContainerApp {
  state: Record<string, any>;
  logs: LogLine[];
  /** A loop still printing: its lines are made when the logs are read (see sim/script.ts). */
  loop?: LoopState & { start: number };
  previous?: LogLine[];
  /** Set when a request changed the app: the kubelet must probe it again. */
  probeDirty?: boolean;
  /** `tail -f FILE` as the process: the file's lines are its log (`startLines`: how many it had at the start). */
  follow?: FollowedFile & { startLines: number };
}

const MAX_LOG_LINES = 1000;

function appsOf(api: ApiServer, pod: Pod): Record<string, ContainerApp> {
  return (api.state.apps[pod.metadata.uid!] ??= {});
}

export function appContext(api: ApiServer, pod: Pod, c: Container, state: Record<string, any>): AppContext | undefined {
  const ref = parseImageRef(c.image);
  const found = ref ? lookupImage(ref).image : undefined;
  if (!ref || !found) return undefined;
  const image = appOf(found, c);
  const node = api.get('nodes', undefined, pod.spec.nodeName ?? '');
  let written: LayeredFilesystem | undefined;
  return {
    app: image.app,
    podName: pod.metadata.name,
    podIP: pod.status?.podIP ?? '',
    namespace: pod.metadata.namespace ?? 'default',
    image,
    tag: ref.tag,
    state,
    now: api.now(),
    cpus: node ? Math.max(1, Math.round(parseQuantity(node.status.capacity?.cpu ?? '2'))) : 2,
    files: (path) => {
      const fs = (written ??= containerFilesystem(api, pod, c));
      return fs.read(path) ?? (fs.onVolume(path) ? null : undefined);
    },
  };
}

/** A container (re)started: a fresh process memory, its lines to come, the last run kept for --previous. */
export function containerStarted(api: ApiServer, pod: Pod, c: Container, plan: Pick<RunPlan, 'logs' | 'loop' | 'follow'>): void {
  const apps = appsOf(api, pod);
  const prior = apps[c.name];
  const app: ContainerApp = { state: {}, logs: [], ...(prior ? { previous: linesUpTo(api, prior, api.now(), pod, c) } : {}) };
  if (plan.follow) app.follow = { ...plan.follow, startLines: fileLines(containerFilesystem(api, pod, c).read(plan.follow.path)?.content).length };
  apps[c.name] = app;
  const overridden = !!(c.command || c.args);
  const ctx = appContext(api, pod, c, app.state);
  const now = api.now();
  if (ctx) ctx.state.startedAt ??= now;
  app.logs = ctx && !overridden ? startupLogs(ctx).map((line) => ({ t: now, line })) : plan.logs.map((l) => ({ t: now + l.afterMs, line: l.line }));
  if (plan.loop && (!ctx || overridden)) app.loop = { ...plan.loop, start: now };
}

const fileLines = (content: string | undefined) => {
  const lines = (content ?? '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** What a run printed up to `end`: its planned lines so far, its loop's rounds, or the file it follows. */
function linesUpTo(api: ApiServer, app: ContainerApp, end: number, pod: Pod, c: Container): LogLine[] {
  const planned = app.logs.filter((l) => l.t <= end);
  if (app.follow) {
    const file = containerFilesystem(api, pod, c).read(app.follow.path);
    const from = app.follow.fromLine ? app.follow.fromLine - 1 : Math.max(0, app.follow.startLines - app.follow.lastLines);
    const followed = fileLines(file?.content).slice(from).map((line) => ({ t: Math.min(end, file?.mtime ?? end), line }));
    return [...planned, ...followed].slice(-MAX_LOG_LINES);
  }
  if (!app.loop) return planned;
  const command = usesContainerTools(app.loop.body)
    ? loopCommands((argv) => runToolInContainer({ api, pod, container: c, tty: false }, argv))
    : () => ({ seconds: 0, lines: [] });
  const rounds = replayLoop(app.loop, app.loop.start, end, { command }, MAX_LOG_LINES);
  const all = [...planned, ...rounds];
  return all.slice(Math.max(0, all.length - MAX_LOG_LINES));
}

export function appendLog(api: ApiServer, pod: Pod, container: string, line: string): void {
  const app = appsOf(api, pod)[container];
  if (!app) return;
  app.logs.push({ t: api.now(), line });
  if (app.logs.length > MAX_LOG_LINES) app.logs.splice(0, app.logs.length - MAX_LOG_LINES);
}

export function containerLogs(api: ApiServer, pod: Pod, container: string, previous: boolean): LogLine[] | undefined {
  const app = appsOf(api, pod)[container];
  if (!app || previous) return app?.previous;
  // A stopped container printed nothing after it stopped.
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
  const finished = status?.state.terminated?.finishedAt;
  // (finishedAt is kept to the second.)
  const c = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((x) => x.name === container)!;
  return linesUpTo(api, app, finished ? Math.min(api.now(), Date.parse(finished) + 999) : api.now(), pod, c);
}

/** The running container of a pod that listens on a port, if any. */
function listener(api: ApiServer, pod: Pod, port: number): { c: Container; ctx: AppContext; app: ContainerApp } | undefined {
  for (const c of pod.spec.containers) {
    const status = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    if (!status?.state.running) continue;
    if (c.command && !c.command.some((x) => /nginx|httpd|redis|node|monolith|http/.test(x))) continue;
    const app = (appsOf(api, pod)[c.name] ??= { state: {}, logs: [] });
    const ctx = appContext(api, pod, c, app.state);
    if (ctx && ctx.image.server && (ctx.image.ports ?? []).includes(port)) return { c, ctx, app };
  }
  return undefined;
}

/** An HTTP request arriving at pod:port; the app's state changes and log lines are kept. */
export function podHttp(api: ApiServer, pod: Pod, port: number, req: Omit<AppRequest, 'port'>): AppReply {
  const l = listener(api, pod, port);
  if (!l) return { refused: true };
  if (isIngressController(pod)) return ingressProxy(api, { ...req, port }, (backend, p, r) => podHttp(api, backend, p, r));
  const full: AppRequest = { ...req, port };
  const before = JSON.stringify(l.app.state);
  const res = httpRequest(l.ctx, full);
  if (JSON.stringify(l.app.state) !== before && (l.c.livenessProbe || l.c.readinessProbe)) {
    l.app.probeDirty = true;
    api.schedule(api.now(), 'kubelet-sync', `${pod.metadata.namespace}/${pod.metadata.name}`);
  }
  const line = accessLogLine(l.ctx, full, res);
  if (line) for (const part of line.split('\n')) appendLog(api, pod, l.c.name, part);
  api.dirty = true;
  return res;
}

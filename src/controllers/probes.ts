// The kubelet's prober: liveness, readiness and startup probes (httpGet, tcpSocket, exec)
// evaluated against the simulated app. Probes tick every periodSeconds on their own grid, but
// only while their outcome can change: a passing probe on a steady app costs nothing, a failing
// one produces its Unhealthy events period after period, as the real kubelet does.
import type { ApiServer } from '../api/server.ts';
import type { Container, ContainerStatus, Pod } from '../api/types.ts';
import type { ContainerRuntime } from '../store/schema.ts';
import { appContext } from '../sim/traffic.ts';
import { healthChangesWithTime, httpRequest, tcpConnect } from '../sim/apps.ts';
import { appOf, lookupImage, parseImageRef } from '../sim/images.ts';
import { execInContainer } from '../sim/container-shell.ts';
import { CliError } from '../api/errors.ts';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
const FIELD: Record<ProbeKind, 'livenessProbe' | 'readinessProbe' | 'startupProbe'> = { liveness: 'livenessProbe', readiness: 'readinessProbe', startup: 'startupProbe' };
const LABEL: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export interface ProbeCounters {
  successes: number;
  failures: number;
  /** The last result: undefined before the first run. */
  ok?: boolean;
}

export interface ProbeContext {
  api: ApiServer;
  pod: Pod;
  spec: Container;
  rt: ContainerRuntime;
  status: ContainerStatus;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

function resolvePort(spec: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return (spec.ports ?? []).find((p) => p.name === port)?.containerPort;
}

/** One probe run: success, or the failure message kubelet reports. */
export function runProbe(ctx: ProbeContext, probe: any, kind?: ProbeKind): { ok: boolean; message?: string; errored?: boolean } {
  const ip = ctx.pod.status?.podIP ?? '';
  const app = (ctx.api.state.apps[ctx.pod.metadata.uid!] ??= {})[ctx.spec.name] ?? { state: {} };
  if (kind && app.state.probeFaults?.includes(kind)) return injectedFailure(probe, ip, ctx.spec);
  const actx = appContext(ctx.api, ctx.pod, ctx.spec, app.state);
  if (probe.httpGet) {
    const port = resolvePort(ctx.spec, probe.httpGet.port);
    const path = probe.httpGet.path ?? '/';
    const url = `${(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://${ip}:${port}${path}`;
    const listening = actx && port !== undefined && !ctx.spec.command && tcpConnect(actx, port) === 'open';
    if (!listening) return { ok: false, message: `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused` };
    const res = httpRequest(actx!, { method: 'GET', path, port: port!, host: `${ip}:${port}`, headers: { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' }, clientIP: ctx.pod.status?.hostIP ?? '' });
    if ('refused' in res) return { ok: false, message: `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused` };
    if (res.status >= 200 && res.status < 400) return { ok: true };
    return { ok: false, message: `HTTP probe failed with statuscode: ${res.status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(ctx.spec, probe.tcpSocket.port);
    const open = actx && port !== undefined && !ctx.spec.command && tcpConnect(actx, port) === 'open';
    return open ? { ok: true } : { ok: false, message: `dial tcp ${ip}:${port}: connect: connection refused` };
  }
  if (probe.exec) {
    let r: ReturnType<typeof execInContainer>;
    try {
      r = execInContainer({ api: ctx.api, pod: ctx.pod, container: ctx.spec, tty: false }, probe.exec.command ?? []);
    } catch (e) {
      // The runtime could not start the command: the probe errored (its result is thrown away).
      if (!(e instanceof CliError)) throw e;
      const detail = e.message.replace(/^Internal error occurred: Internal error occurred: error executing command in container: /, '').replace(/exec "[0-9a-f]{64}"/, `exec "${ctx.api.rng.hex(64)}"`);
      return { ok: false, errored: true, message: `rpc error: code = Unknown desc = ${detail}` };
    }
    if (r.exitCode === 0) return { ok: true };
    return { ok: false, message: (r.stdout + r.stderr).trim() || `command ${JSON.stringify((probe.exec.command ?? []).join(' '))} exited with ${r.exitCode}` };
  }
  return { ok: true };
}

/** What a probe reports against an app made to fail it (`kubesim sim fail --probe`). */
function injectedFailure(probe: any, ip: string, spec: Container): { ok: false; message: string } {
  if (probe.httpGet) return { ok: false, message: 'HTTP probe failed with statuscode: 500' };
  if (probe.tcpSocket) return { ok: false, message: `dial tcp ${ip}:${resolvePort(spec, probe.tcpSocket.port)}: connect: connection refused` };
  return { ok: false, message: `command ${JSON.stringify((probe.exec?.command ?? []).join(' '))} exited with 1` };
}

export type ProbeVerdict = 'none' | 'restart';

/**
 * Runs the container's due probes at `now`. Returns 'restart' when liveness (or startup) has
 * failed failureThreshold times in a row.
 */
export function tickProbes(ctx: ProbeContext, now: number): ProbeVerdict {
  const started = ctx.rt.startedAt ?? now;
  const counters = (ctx.rt.probes ??= {}) as Record<ProbeKind, ProbeCounters>;
  const startupDone = !ctx.spec.startupProbe || counters.startup?.ok === true;
  for (const kind of ['startup', 'liveness', 'readiness'] as ProbeKind[]) {
    const probe = ctx.spec[FIELD[kind]];
    if (!probe) continue;
    if (kind !== 'startup' && !startupDone) continue;
    if (kind === 'startup' && counters.startup?.ok) continue;
    const first = started + (probe.initialDelaySeconds ?? 0) * 1000;
    if (now < first) continue;
    const c = (counters[kind] ??= { successes: 0, failures: 0 });
    const r = runProbe(ctx, probe, kind);
    if (r.errored) {
      // kubelet's worker discards an errored probe's result: nothing counts, the event says why.
      ctx.event('Warning', 'Unhealthy', `${LABEL[kind]} probe errored: ${r.message}`);
      continue;
    }
    if (r.ok) {
      c.successes++;
      c.failures = 0;
      if (c.successes >= (probe.successThreshold ?? 1)) c.ok = true;
    } else {
      c.failures++;
      c.successes = 0;
      ctx.event('Warning', 'Unhealthy', `${LABEL[kind]} probe failed: ${r.message}`);
      if (c.failures >= (probe.failureThreshold ?? 3)) c.ok = false;
    }
    if (kind === 'readiness' && c.ok !== undefined) ctx.status.ready = c.ok;
    if ((kind === 'liveness' || kind === 'startup') && c.ok === false) {
      ctx.event('Normal', 'Killing', `Container ${ctx.spec.name} failed ${kind} probe, will be restarted`);
      return 'restart';
    }
  }
  if (!ctx.spec.readinessProbe && startupDone) ctx.status.ready = true;
  return 'none';
}

/** When the probes next need to run: the next grid point while any of them can still change. */
/** A container whose health changes with time alone: its probes never settle. */
function timeDependent(spec: Container): boolean {
  const ref = parseImageRef(spec.image);
  const image = ref ? lookupImage(ref).image : undefined;
  return !!image && healthChangesWithTime(appOf(image, spec).app);
}

export function nextProbeTime(spec: Container, rt: ContainerRuntime, now: number, appChanged: boolean): number | undefined {
  const counters = (rt.probes ?? {}) as Record<ProbeKind, ProbeCounters>;
  let next: number | undefined;
  for (const kind of ['startup', 'liveness', 'readiness'] as ProbeKind[]) {
    const probe = spec[FIELD[kind]];
    if (!probe) continue;
    const c = counters[kind];
    const settled = c && c.ok === true && c.failures === 0 && !appChanged && !timeDependent(spec);
    if (settled) continue;
    const start = (rt.startedAt ?? now) + (probe.initialDelaySeconds ?? 0) * 1000;
    const period = (probe.periodSeconds ?? 10) * 1000;
    const t = now < start ? start : start + Math.ceil((now + 1 - start) / period) * period;
    next = next === undefined ? t : Math.min(next, t);
  }
  return next;
}

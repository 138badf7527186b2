// Fault injection for scenarios and tests (`kubesim sim fail | heal`): a container's process
// crashes or is OOM-killed now, or its app starts failing a probe's check until healed or
// restarted (the fault lives in the process, so a restart clears it, as it clears a hang).
import type { ApiServer } from '../api/server.ts';
import type { Pod } from '../api/types.ts';
import { CliError } from '../api/errors.ts';
import { killAt, syncPod } from '../controllers/kubelet.ts';
import type { ProbeKind } from '../controllers/probes.ts';

export const PROBE_KINDS: ProbeKind[] = ['liveness', 'readiness', 'startup'];

function runningContainer(api: ApiServer, pod: Pod, container: string | undefined) {
  const name = container ?? pod.spec.containers[0].name;
  const index = pod.spec.containers.findIndex((c) => c.name === name);
  if (index < 0) throw new CliError(`container ${name} is not valid for pod ${pod.metadata.name}`);
  const rt = api.state.runtime[pod.metadata.uid!]?.containers[index];
  if (rt?.stage !== 'Running') throw new CliError(`container ${name} of pod ${pod.metadata.name} is not running`);
  return { name, rt };
}

/** The container's process exits now with `exitCode` (137 and OOMKilled with `oom`). */
export function crashContainer(api: ApiServer, pod: Pod, container: string | undefined, opts: { exitCode?: number; oom?: boolean }): string {
  const { name, rt } = runningContainer(api, pod, container);
  const code = opts.oom ? 137 : opts.exitCode ?? 1;
  killAt(rt, api.now(), code, opts.oom ? 'OOMKilled' : undefined);
  rt.until = api.now();
  syncPod(api, pod);
  return name;
}

/** From now on the container's app fails the checks of the given probes. */
export function failProbes(api: ApiServer, pod: Pod, container: string | undefined, kinds: ProbeKind[]): string {
  const { name } = runningContainer(api, pod, container);
  const spec = pod.spec.containers.find((c) => c.name === name)!;
  const missing = kinds.filter((k) => !spec[`${k}Probe`]);
  if (missing.length) throw new CliError(`container ${name} of pod ${pod.metadata.name} has no ${missing.join(' or ')} probe`);
  const app = ((api.state.apps[pod.metadata.uid!] ??= {})[name] ??= { state: {}, logs: [] });
  app.state.probeFaults = [...new Set([...(app.state.probeFaults ?? []), ...kinds])];
  wakeProber(api, pod, app);
  return name;
}

/** Clears the probe failures injected into the container's app. */
export function healProbes(api: ApiServer, pod: Pod, container: string | undefined): string {
  const { name } = runningContainer(api, pod, container);
  const app = api.state.apps[pod.metadata.uid!]?.[name];
  if (app?.state.probeFaults) {
    delete app.state.probeFaults;
    wakeProber(api, pod, app);
  }
  return name;
}

function wakeProber(api: ApiServer, pod: Pod, app: { probeDirty?: boolean }): void {
  app.probeDirty = true;
  api.dirty = true;
  api.schedule(api.now(), 'kubelet-sync', `${pod.metadata.namespace}/${pod.metadata.name}`);
}

// POD or TYPE/NAME (deployment, replicaset, service: a pod it selects), and the container in it.
import { CliError, notFound, RawError } from '../../api/errors.ts';
import type { ApiServer } from '../../api/server.ts';
import type { Container, Pod } from '../../api/types.ts';
import { lookupResource } from '../../api/resources.ts';
import { labelSelectorFromObject, matchesLabels } from '../../api/selectors.ts';
import { err } from '../io.ts';

export function findPod(api: ApiServer, ref: string, namespace: string): Pod {
  return findPods(api, ref, namespace)[0];
}

/**
 * The pods a POD or TYPE/NAME argument stands for, the one kubectl would use first: for an owner
 * or a service, the pods it selects, running ones first.
 */
export function findPods(api: ApiServer, ref: string, namespace: string): Pod[] {
  if (!ref.includes('/')) {
    const pod = api.get<Pod>('pods', namespace, ref);
    if (!pod) throw notFound(lookupResource('pods')!, ref);
    return [pod];
  }
  const [typeName, name] = ref.split('/');
  const type = lookupResource(typeName);
  if (!type) throw new CliError(`the server doesn't have a resource type "${typeName}"`);
  if (type.plural === 'pods') return findPods(api, name, namespace);
  const owner = api.get(type, namespace, name);
  if (!owner) throw notFound(type, name);
  const selector = type.plural === 'services' ? { matchLabels: owner.spec.selector ?? {} } : owner.spec.selector;
  const sel = labelSelectorFromObject(selector);
  const pods = api.list<Pod>('pods', namespace).filter((p) => matchesLabels(sel, p.metadata.labels) && !p.metadata.deletionTimestamp);
  if (!pods.length) throw new CliError(`timed out waiting for the condition`);
  const rank = (p: Pod) => (p.status?.phase === 'Running' ? 0 : 1);
  return [...pods].sort((a, b) => rank(a) - rank(b));
}

/** -c, or the default container (with kubectl's notice when the pod has several). */
export function pickContainer(pod: Pod, name: string | undefined, quiet = false): Container {
  if (name) {
    const c = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((x) => x.name === name);
    if (!c) throw new CliError(`container ${name} is not valid for pod ${pod.metadata.name}`);
    return c;
  }
  const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const c = pod.spec.containers.find((x) => x.name === preferred) ?? pod.spec.containers[0];
  if (pod.spec.containers.length + (pod.spec.initContainers?.length ?? 0) > 1 && !quiet) {
    const names = [...pod.spec.containers.map((x) => x.name), ...(pod.spec.initContainers ?? []).map((x) => `${x.name} (init)`)];
    err(`Defaulted container "${c.name}" out of: ${names.join(', ')}`);
  }
  return c;
}

export function requirePodArg(args: string[], usage: string): void {
  if (!args.length) throw new RawError(usage);
}

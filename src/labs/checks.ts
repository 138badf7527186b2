// Lab checks: state-based, so any correct way of solving passes. Each says what it found when it
// fails, naming the object and the field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiServer } from '../api/server.ts';
import type { KObject, Node, Pod } from '../api/types.ts';
import { lookupResource, qualifiedSingular } from '../api/resources.ts';
import { parseLabelSelector, matchesLabels } from '../api/selectors.ts';
import { compileJsonPath } from '../printers/jsonpath.ts';
import { present } from '../printers/present.ts';
import { render } from '../printers/output.ts';
import { podStatus } from '../printers/kinds/pods.ts';
import { containerEnv } from '../sim/container-env.ts';
import { curl } from '../sim/client-tools.ts';
import { controllerOf, isPodReady } from '../controllers/replicaset.ts';
import { parseQuantity } from '../util/quantity.ts';
import { authorize, impersonated } from '../api/rbac.ts';
import { discover } from '../api/discovery.ts';
import type { CanCheck, Check, EndpointsCheck, EnvCheck, ExecCheck, Expectation, FieldCheck, FileCheck, HttpCheck, PodsCheck, DrainedCheck } from './definition.ts';
import { execInContainer } from '../sim/container-shell.ts';

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Why it failed: what was found, where. */
  reason?: string;
}

const quote = (v: unknown) => JSON.stringify(String(v));
const shorten = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}...` : s);
const where = (ns: string | undefined, name: string) => (ns ? `${ns}/${name}` : name);

/** Whether a found value meets the expectation; otherwise what was expected, in words. */
function expectationMiss(found: string, e: Expectation): string | undefined {
  if (e.absent) return found === '' ? undefined : 'to be unset';
  if (e.quantity && e.equals !== undefined) return sameQuantity(found, String(e.equals)) ? undefined : quote(e.equals);
  if (e.equals !== undefined) return found === String(e.equals) ? undefined : quote(e.equals);
  if (e.matches !== undefined) return new RegExp(e.matches).test(found) ? undefined : `to match /${e.matches}/`;
  if (e.in !== undefined) return e.in.map(String).includes(found) ? undefined : `one of ${e.in.map(quote).join(', ')}`;
  if (e.contains !== undefined) return found.includes(e.contains) ? undefined : `to contain ${quote(e.contains)}`;
  const n = Number(found);
  if (e.gte !== undefined && !(found !== '' && n >= e.gte)) return `at least ${e.gte}`;
  if (e.lte !== undefined && !(found !== '' && n <= e.lte)) return `at most ${e.lte}`;
  return undefined;
}

function sameQuantity(a: string, b: string): boolean {
  try {
    return a !== '' && parseQuantity(a) === parseQuantity(b);
  } catch {
    return false;
  }
}

/** A named container port of the object (a pod or a pod template's owner) as its number. */
function portNumber(obj: KObject, name: string): string {
  if (/^\d+$/.test(name)) return name;
  const spec = obj.spec?.template?.spec ?? obj.spec;
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    const p = (c.ports ?? []).find((x: any) => x.name === name);
    if (p) return String(p.containerPort);
  }
  return name;
}

function resolveObject(api: ApiServer, ref: string, ns: string): { obj?: KObject; label: string } {
  const [typeName, name] = ref.split('/');
  const type = lookupResource(typeName);
  if (!type) throw new Error(`unknown type in check: ${ref}`);
  const namespace = type.namespaced ? ns : undefined;
  return { obj: api.get(type, namespace, name), label: `${qualifiedSingular(type).split('.')[0]} ${where(namespace, name)}` };
}

function fieldCheck(api: ApiServer, c: FieldCheck): string | undefined {
  const { obj, label } = resolveObject(api, c.object, c.namespace ?? 'default');
  if (c.exists === false) return obj && !obj.metadata.deletionTimestamp ? `${label} still exists` : undefined;
  if (!obj) return `${label} not found`;
  if (!c.path) return undefined;
  let found: string;
  try {
    found = compileJsonPath(c.path).execute(present(obj, api.now()));
  } catch {
    found = '';
  }
  if (c.portNames) found = portNumber(obj, found);
  const expected = expectationMiss(found, c);
  if (!expected) return undefined;
  const field = c.field ?? c.path.replace(/^\{|\}$/g, '');
  return found === '' ? `${label}: ${field} is not set, expected ${expected}` : `${label}: ${field} is ${quote(shorten(found))}, expected ${expected}`;
}

function selectedPods(api: ApiServer, ns: string, selector: string): Pod[] {
  const sel = parseLabelSelector(selector);
  return api.list<Pod>('pods', ns).filter((p) => !p.metadata.deletionTimestamp && matchesLabels(sel, p.metadata.labels));
}

function podsCheck(api: ApiServer, c: PodsCheck): string | undefined {
  const ns = c.namespace ?? 'default';
  const pods = selectedPods(api, ns, c.selector);
  const what = `pods ${c.selector} in namespace ${ns}`;
  if (c.count !== undefined && pods.length !== c.count) return `${pods.length} ${what}, expected ${c.count}`;
  if (c.minCount !== undefined && pods.length < c.minCount) return `${pods.length} ${what}, expected at least ${c.minCount}`;
  if (c.someOnNode && !pods.some((p) => p.spec.nodeName === c.someOnNode)) return `none of the ${what} runs on ${c.someOnNode}`;
  for (const p of pods) {
    const label = `pod ${where(ns, p.metadata.name)}`;
    if (c.ready && !(p.status?.phase === 'Running' && isPodReady(p))) return `${label} is ${podStatus(p)}${isPodReady(p) ? '' : ' and not Ready'}, expected Running and Ready`;
    if (c.node && p.spec.nodeName !== c.node) return `${label}: .spec.nodeName is ${quote(p.spec.nodeName ?? '')}, expected ${quote(c.node)}`;
    if (c.notNode && p.spec.nodeName === c.notNode) return `${label} runs on ${c.notNode}`;
    if (c.image && !p.spec.containers.some((x) => x.image === c.image)) return `${label}: .spec.containers[*].image is ${quote(p.spec.containers.map((x) => x.image).join(' '))}, expected ${quote(c.image)}`;
  }
  return undefined;
}

function readyAddresses(api: ApiServer, ns: string, service: string): string[] {
  const ep = api.get('endpoints', ns, service);
  return (ep?.subsets ?? []).flatMap((s: any) => (s.addresses ?? []).map((a: any) => a.ip)).sort();
}

function endpointsCheck(api: ApiServer, c: EndpointsCheck): string | undefined {
  const ns = c.namespace ?? 'default';
  const label = `service ${where(ns, c.service)}`;
  if (!api.get('services', ns, c.service)) return `${label} not found`;
  const ips = [...new Set(readyAddresses(api, ns, c.service))];
  if (c.count !== undefined && ips.length !== c.count) return `${label} has ${ips.length} ready endpoint${ips.length === 1 ? '' : 's'}, expected ${c.count}`;
  if (c.minCount !== undefined && ips.length < c.minCount) return `${label} has ${ips.length} ready endpoint${ips.length === 1 ? '' : 's'}, expected at least ${c.minCount}`;
  if (c.podSelector) {
    const want = selectedPods(api, ns, c.podSelector).filter((p) => isPodReady(p) && p.status?.podIP).map((p) => p.status!.podIP!).sort();
    if (JSON.stringify(ips) !== JSON.stringify([...new Set(want)])) return `${label} sends traffic to [${ips.join(' ')}], expected the ready pods ${c.podSelector} [${want.join(' ')}]`;
  }
  return undefined;
}

function httpCheck(api: ApiServer, c: HttpCheck): string | undefined {
  const from = c.from ?? 'controlplane';
  const node = api.get<Node>('nodes', undefined, from);
  if (!node) return `node ${from} not found`;
  const headers = Object.entries(c.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const r = curl(api, { namespace: c.namespace ?? 'default', clientIP: node.status.addresses[0].address, tty: false }, ['-s', '-i', ...headers, c.url]);
  if (r.exitCode !== 0) return `GET ${c.url} from ${from} failed: curl exit ${r.exitCode}${r.stderr ? ` (${r.stderr.trim()})` : ''}`;
  const status = Number(/^HTTP\/[\d.]+ (\d+)/.exec(r.stdout)?.[1]);
  if (status !== (c.status ?? 200)) return `GET ${c.url} from ${from} answered ${status}, expected ${c.status ?? 200}`;
  const body = r.stdout.split(/\r?\n\r?\n/).slice(1).join('\n\n');
  if (c.bodyContains && !body.includes(c.bodyContains)) return `GET ${c.url} from ${from}: the body does not contain ${quote(c.bodyContains)}`;
  return undefined;
}

function drainedCheck(api: ApiServer, c: DrainedCheck): string | undefined {
  const node = api.get<Node>('nodes', undefined, c.node);
  if (!node) return `node ${c.node} not found`;
  if (!node.spec.unschedulable) return `node ${c.node}: .spec.unschedulable is not true (the node is not cordoned)`;
  const left = api
    .list<Pod>('pods')
    .filter((p) => p.spec.nodeName === c.node && !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''))
    .filter((p) => controllerOf(p)?.kind !== 'DaemonSet' && !p.metadata.annotations?.['kubernetes.io/config.mirror']);
  if (left.length) return `node ${c.node} still runs pods that are not DaemonSet pods: ${left.map((p) => where(p.metadata.namespace, p.metadata.name)).join(', ')}`;
  return undefined;
}

/** The running container a check looks into, or why there is none. */
function runningContainer(api: ApiServer, ns: string, podName: string, name: string | undefined): { pod: Pod; container: Pod['spec']['containers'][number] } | string {
  const pod = api.get<Pod>('pods', ns, podName);
  if (!pod) return `pod ${where(ns, podName)} not found`;
  const container = name ? pod.spec.containers.find((x) => x.name === name) : pod.spec.containers[0];
  if (!container) return `pod ${where(ns, podName)} has no container ${name}`;
  if (!pod.status?.containerStatuses?.find((s) => s.name === container.name)?.state.running) return `pod ${where(ns, podName)}: container ${container.name} is not running`;
  return { pod, container };
}

function envCheck(api: ApiServer, c: EnvCheck): string | undefined {
  const ns = c.namespace ?? 'default';
  const target = runningContainer(api, ns, c.pod, c.container);
  if (typeof target === 'string') return target;
  const found = containerEnv(api, target.pod, target.container)[c.variable] ?? '';
  const expected = expectationMiss(found, c);
  if (!expected) return undefined;
  return `pod ${where(ns, c.pod)}: $${c.variable} in container ${target.container.name} is ${found === '' ? 'not set' : quote(found)}, expected ${expected}`;
}

function execCheck(api: ApiServer, c: ExecCheck): string | undefined {
  const ns = c.namespace ?? 'default';
  const target = runningContainer(api, ns, c.pod, c.container);
  if (typeof target === 'string') return target;
  let found: string;
  try {
    const r = execInContainer({ api, pod: target.pod, container: target.container, tty: false }, c.command);
    found = (r.stdout + r.stderr).trim();
  } catch (e: any) {
    found = String(e.message ?? e);
  }
  const expected = expectationMiss(found, c);
  if (!expected) return undefined;
  return `pod ${where(ns, c.pod)}: \`${c.command.join(' ')}\` printed ${found === '' ? 'nothing' : quote(shorten(found))}, expected ${expected}`;
}

function canCheck(api: ApiServer, c: CanCheck): string | undefined {
  const [res, sub] = c.resource.split('/');
  const dot = res.indexOf('.');
  const found = discover(dot < 0 ? res : res.slice(0, dot), dot < 0 ? undefined : res.slice(dot + 1));
  const attrs = { verb: c.verb, group: found?.group ?? '', resource: found?.plural ?? res, ...(sub ? { subresource: sub } : {}), ...(c.namespace ? { namespace: c.namespace } : {}) };
  const { allowed } = authorize(api, impersonated(c.as), attrs);
  if (allowed === c.allowed) return undefined;
  const where = c.namespace ? ` in namespace ${c.namespace}` : ' cluster-wide';
  return `${c.as} ${allowed ? 'can' : 'cannot'} ${c.verb} ${c.resource}${where}, expected ${c.allowed ? 'it to be allowed' : 'it to be denied'}`;
}

function normalize(s: string, how: FileCheck['compare']): string {
  if (how === 'words') return s.split(/\s+/).filter(Boolean).sort().join(' ');
  if (how === 'lines') return s.split('\n').map((l) => l.trimEnd()).filter(Boolean).join('\n');
  return s.replace(/\s+$/, '');
}

function fileCheck(api: ApiServer, c: FileCheck, answersDir: string): string | undefined {
  const path = join(answersDir, c.path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return `file ${path} does not exist`;
  }
  let expected = c.equals ?? '';
  if (c.resource) {
    const type = lookupResource(c.resource)!;
    const objects = api.list(type, type.namespaced && !c.allNamespaces ? c.namespace ?? 'default' : undefined);
    expected = render([{ type, objects }], { output: c.output, allNamespaces: c.allNamespaces }, { now: api.now(), api });
  }
  const how = c.compare ?? 'exact';
  if (normalize(text, how) === normalize(expected, how)) return undefined;
  const holds = `file ${path} holds ${quote(shorten(normalize(text, how)))}`;
  return c.reveal ? `${holds}, expected ${quote(shorten(normalize(expected, how)))}` : `${holds}, which is not the answer`;
}

export function runCheck(api: ApiServer, check: Check, answersDir: string): CheckResult {
  let reason: string | undefined;
  switch ((check as any).type) {
    case 'pods':
      reason = podsCheck(api, check as PodsCheck);
      break;
    case 'endpoints':
      reason = endpointsCheck(api, check as EndpointsCheck);
      break;
    case 'http':
      reason = httpCheck(api, check as HttpCheck);
      break;
    case 'drained':
      reason = drainedCheck(api, check as DrainedCheck);
      break;
    case 'env':
      reason = envCheck(api, check as EnvCheck);
      break;
    case 'file':
      reason = fileCheck(api, check as FileCheck, answersDir);
      break;
    case 'exec':
      reason = execCheck(api, check as ExecCheck);
      break;
    case 'can':
      reason = canCheck(api, check as CanCheck);
      break;
    default:
      reason = fieldCheck(api, check as FieldCheck);
  }
  return { name: check.name, ok: !reason, ...(reason ? { reason } : {}) };
}

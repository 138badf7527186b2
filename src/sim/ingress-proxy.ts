// ingress-nginx's request routing: the Host header picks a server (exact host, then `*.` wildcard,
// then the host-less catch-all), the longest matching path picks the backend (Exact before Prefix
// on a tie; Prefix matches whole path segments), and the request goes to a ready endpoint of the
// backend Service. Nothing matches: a default backend, or nginx's 404; no endpoint: 503.
import type { ApiServer } from '../api/server.ts';
import type { KObject, Pod } from '../api/types.ts';
import type { AppReply, AppRequest } from './apps.ts';

export const INGRESS_CONTROLLER = 'k8s.io/ingress-nginx';

/** Whether a pod is the ingress-nginx controller (it routes what reaches it). */
export const isIngressController = (pod: Pod) => pod.metadata.labels?.['app.kubernetes.io/name'] === 'ingress-nginx' && pod.metadata.labels?.['app.kubernetes.io/component'] === 'controller';

/** Ingresses the controller serves: of an IngressClass whose controller is ingress-nginx. */
export function servedIngresses(api: ApiServer): KObject[] {
  const classes = new Set(api.list('ingressclasses').filter((c) => c.spec?.controller === INGRESS_CONTROLLER).map((c) => c.metadata.name));
  return api.list('ingresses').filter((i) => classes.has(i.spec?.ingressClassName ?? i.metadata.annotations?.['kubernetes.io/ingress.class'] ?? ''));
}

const REASONS: Record<number, string> = { 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/** nginx's built-in error page, with server_tokens off (CRLF line ends, as nginx writes it). */
function errorPage(status: number, now: number): AppReply {
  const title = `${status} ${REASONS[status]}`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { Server: 'nginx', Date: new Date(now).toUTCString(), 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'keep-alive' }, body };
}

interface Candidate {
  ingress: KObject;
  path: any;
}

function hostMatches(ruleHost: string, host: string): boolean {
  if (ruleHost.startsWith('*.')) {
    const rest = host.split('.');
    return rest.length > 1 && rest.slice(1).join('.') === ruleHost.slice(2);
  }
  return ruleHost === host;
}

function pathMatches(p: any, reqPath: string): boolean {
  const path: string = p.path || '/';
  if (p.pathType === 'Exact') return reqPath === path;
  if (p.pathType === 'Prefix') {
    if (path === '/') return true;
    const want = path.replace(/\/+$/, '').split('/');
    const have = reqPath.split('/');
    return want.every((seg, i) => have[i] === seg);
  }
  return reqPath.startsWith(path);
}

/** The rules of the server a Host header selects (all Ingresses' rules for that host, merged). */
function serverPaths(ingresses: KObject[], host: string): Candidate[] {
  const collect = (pick: (ruleHost: string | undefined) => boolean) =>
    ingresses.flatMap((ingress) => (ingress.spec?.rules ?? []).filter((r: any) => pick(r.host)).flatMap((r: any) => (r.http?.paths ?? []).map((path: any) => ({ ingress, path }))));
  const exact = collect((h) => !!h && !h.startsWith('*.') && h === host);
  if (exact.length) return exact;
  const wild = collect((h) => !!h && h.startsWith('*.') && hostMatches(h, host));
  if (wild.length) return wild;
  return collect((h) => !h);
}

function byAge(a: KObject, b: KObject): number {
  return (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '');
}

/** A request reaching the controller; `send` delivers it to a backend pod. */
export function ingressProxy(api: ApiServer, req: AppRequest, send: (pod: Pod, port: number, req: AppRequest) => AppReply): AppReply {
  const now = api.now();
  // The Host header decides (curl -H 'Host: ...' overrides the URL's host).
  const headerHost = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === 'host')?.[1];
  const host = (headerHost ?? req.host).replace(/:\d+$/, '').toLowerCase();
  const reqPath = req.path.split('?')[0];
  const ingresses = servedIngresses(api).sort(byAge);
  const matches = serverPaths(ingresses, host).filter((c) => pathMatches(c.path, reqPath));
  matches.sort((a, b) => (b.path.path ?? '/').length - (a.path.path ?? '/').length || (a.path.pathType === 'Exact' ? -1 : 0) - (b.path.pathType === 'Exact' ? -1 : 0));
  let chosen: { ingress: KObject; backend: any; rewrite?: string } | undefined;
  if (matches.length) chosen = { ingress: matches[0].ingress, backend: matches[0].path.backend, rewrite: matches[0].ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/rewrite-target'] };
  else {
    const withDefault = ingresses.find((i) => i.spec?.defaultBackend);
    if (withDefault) chosen = { ingress: withDefault, backend: withDefault.spec.defaultBackend };
  }
  if (!chosen?.backend?.service) return errorPage(404, now);
  const ns = chosen.ingress.metadata.namespace;
  const s = chosen.backend.service;
  const svc = api.get('services', ns, s.name);
  const sp = (svc?.spec?.ports ?? []).find((p: any) => (s.port?.number !== undefined ? p.port === s.port.number : p.name === s.port?.name));
  const ep = api.get('endpoints', ns, s.name);
  const targets: { ip: string; port: number }[] = [];
  for (const subset of ep?.subsets ?? []) {
    const p = (subset.ports ?? []).find((x: any) => (x.name ?? '') === (sp?.name ?? ''));
    if (sp && p) for (const a of subset.addresses ?? []) targets.push({ ip: a.ip, port: p.port });
  }
  if (!targets.length) return errorPage(503, now);
  const t = targets[api.rng.int(targets.length)];
  const pod = api.list<Pod>('pods', ns).find((p) => p.status?.podIP === t.ip);
  if (!pod) return errorPage(502, now);
  const path = chosen.rewrite !== undefined ? chosen.rewrite + req.path.slice(req.path.indexOf('?') < 0 ? req.path.length : req.path.indexOf('?')) : req.path;
  const res = send(pod, t.port, { ...req, path });
  if ('refused' in res) return errorPage(502, now);
  // nginx hides the upstream's Server and Date and sends its own.
  const { Server: _s, Date: _d, ...rest } = res.headers;
  return { ...res, headers: { Date: new Date(now).toUTCString(), ...rest, Server: 'nginx' } };
}

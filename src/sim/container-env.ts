// What a container sees: its environment (declared variables, service links, downward API,
// ConfigMap and Secret references) and its files (/etc/hosts, resolv.conf, mounted volumes).
import type { ApiServer } from '../api/server.ts';
import type { Container, KObject, Pod } from '../api/types.ts';
import { KUBE_ROOT_CA } from '../controllers/namespace.ts';
import { lookupImage, parseImageRef } from './images.ts';
import { parseQuantity } from '../util/quantity.ts';

const envName = (s: string) => s.toUpperCase().replace(/-/g, '_');

/** The docker-links-style variables kubelet injects for the services of the pod's namespace. */
function serviceEnv(api: ApiServer, pod: Pod): Record<string, string> {
  const out: Record<string, string> = {};
  // Only services that existed when the pod was created are linked, as the kubelet does.
  const created = pod.metadata.creationTimestamp ?? '';
  const services = api.list('services', pod.metadata.namespace).filter((s) => s.spec?.clusterIP && s.spec.clusterIP !== 'None' && (s.metadata.creationTimestamp ?? '') <= created);
  const kubernetes = api.get('services', 'default', 'kubernetes');
  if (kubernetes && pod.metadata.namespace !== 'default') services.push(kubernetes);
  if (pod.spec.enableServiceLinks === false) return kubernetes ? linkVars(kubernetes) : {};
  for (const svc of services) Object.assign(out, linkVars(svc));
  return out;
}

function linkVars(svc: KObject): Record<string, string> {
  const name = envName(svc.metadata.name);
  const ip = svc.spec.clusterIP;
  const ports: any[] = svc.spec.ports ?? [];
  const out: Record<string, string> = {};
  if (!ports.length) return out;
  out[`${name}_SERVICE_HOST`] = ip;
  out[`${name}_SERVICE_PORT`] = String(ports[0].port);
  for (const p of ports) if (p.name) out[`${name}_SERVICE_PORT_${envName(p.name)}`] = String(p.port);
  const proto = (p: any) => (p.protocol ?? 'TCP').toLowerCase();
  out[`${name}_PORT`] = `${proto(ports[0])}://${ip}:${ports[0].port}`;
  for (const p of ports) {
    const base = `${name}_PORT_${p.port}_${(p.protocol ?? 'TCP').toUpperCase()}`;
    out[base] = `${proto(p)}://${ip}:${p.port}`;
    out[`${base}_PROTO`] = proto(p);
    out[`${base}_PORT`] = String(p.port);
    out[`${base}_ADDR`] = ip;
  }
  return out;
}

function fieldRef(pod: Pod, path: string): string {
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
  }
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata as any)[m[1]]?.[m[2]] ?? '';
  return '';
}

/**
 * A resourceFieldRef's value: the container's request or limit divided by the divisor, rounded
 * up; a limit not set is the node's allocatable amount.
 */
function resourceFieldRef(api: ApiServer, pod: Pod, c: Container, ref: { containerName?: string; resource: string; divisor?: string | number }): string {
  const target = (ref.containerName && pod.spec.containers.find((x) => x.name === ref.containerName)) || c;
  const [kind, resource] = [ref.resource.slice(0, ref.resource.indexOf('.')), ref.resource.slice(ref.resource.indexOf('.') + 1)];
  let q: string | undefined = (target.resources as any)?.[kind]?.[resource];
  if (q === undefined && kind === 'limits') q = api.get('nodes', undefined, pod.spec.nodeName ?? '')?.status?.allocatable?.[resource];
  const value = q === undefined ? 0 : parseQuantity(String(q));
  const divisor = parseQuantity(String(ref.divisor ?? '1')) || 1;
  return String(Math.ceil(value / divisor - 1e-9));
}

function decode(v: string): string {
  return Buffer.from(v, 'base64').toString('utf8');
}

/** The container's environment, in the order a process sees it. */
export function containerEnv(api: ApiServer, pod: Pod, c: Container): Record<string, string> {
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: pod.metadata.name };
  const ns = pod.metadata.namespace ?? 'default';
  for (const from of c.envFrom ?? []) {
    const src = from.configMapRef ? api.get('configmaps', ns, from.configMapRef.name) : api.get('secrets', ns, from.secretRef?.name);
    const data: Record<string, string> = src?.data ?? {};
    for (const [k, v] of Object.entries(data)) env[`${from.prefix ?? ''}${k}`] = from.secretRef ? decode(v) : v;
  }
  for (const e of c.env ?? []) {
    if (e.valueFrom?.fieldRef) env[e.name] = fieldRef(pod, e.valueFrom.fieldRef.fieldPath);
    else if (e.valueFrom?.resourceFieldRef) env[e.name] = resourceFieldRef(api, pod, c, e.valueFrom.resourceFieldRef);
    else if (e.valueFrom?.configMapKeyRef) env[e.name] = api.get('configmaps', ns, e.valueFrom.configMapKeyRef.name)?.data?.[e.valueFrom.configMapKeyRef.key] ?? '';
    else if (e.valueFrom?.secretKeyRef) {
      const v = api.get('secrets', ns, e.valueFrom.secretKeyRef.name)?.data?.[e.valueFrom.secretKeyRef.key];
      env[e.name] = v ? decode(v) : '';
    } else env[e.name] = (e.value ?? '').replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, v) => env[v] ?? m);
  }
  Object.assign(env, serviceEnv(api, pod));
  const ref = parseImageRef(c.image);
  const image = ref ? lookupImage(ref).image : undefined;
  if (image?.app === 'nginx') Object.assign(env, { NGINX_VERSION: ref!.tag.match(/^\d/) ? ref!.tag.split('-')[0] : '1.27.3', NJS_VERSION: '0.8.7', NJS_RELEASE: '1~bookworm', PKG_RELEASE: '1~bookworm', DYNPKG_RELEASE: '1~bookworm' });
  env.HOME = '/root';
  return env;
}

/** Files the container can read: kubelet-managed ones and mounted volumes. Directories end with '/'. */
export function containerFiles(api: ApiServer, pod: Pod, c: Container): Map<string, string> {
  const files = new Map<string, string>();
  const ns = pod.metadata.namespace ?? 'default';
  files.set(
    '/etc/hosts',
    `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.status?.podIP ?? ''}\t${pod.metadata.name}\n`,
  );
  files.set('/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  files.set('/etc/hostname', `${pod.metadata.name}\n`);
  for (const m of c.volumeMounts ?? []) {
    const v = (pod.spec.volumes ?? []).find((x: any) => x.name === m.name);
    if (!v) continue;
    const dir = m.mountPath.replace(/\/$/, '');
    files.set(`${dir}/`, '');
    const put = (key: string, content: string) => files.set(`${dir}/${key}`, content);
    if (v.projected) {
      put('ca.crt', KUBE_ROOT_CA);
      put('namespace', ns);
      put('token', `eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVzaW0ifQ.${Buffer.from(JSON.stringify({ sub: `system:serviceaccount:${ns}:${pod.spec.serviceAccountName ?? 'default'}` })).toString('base64url')}.c2ln`);
    } else if (v.configMap || v.secret) {
      const src = v.configMap ? api.get('configmaps', ns, v.configMap.name) : api.get('secrets', ns, v.secret.secretName);
      const data: Record<string, string> = src?.data ?? {};
      const items: { key: string; path: string }[] = (v.configMap ?? v.secret).items ?? Object.keys(data).map((key) => ({ key, path: key }));
      for (const it of items) if (it.key in data) put(it.path, v.secret ? decode(data[it.key]) : data[it.key]);
    }
  }
  const ref = parseImageRef(c.image);
  const image = ref ? lookupImage(ref).image : undefined;
  const docrootMounted = (c.volumeMounts ?? []).some((m) => `/usr/share/nginx/html/`.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
  if (image?.app === 'nginx' && !docrootMounted) {
    files.set('/usr/share/nginx/html/', '');
    files.set('/usr/share/nginx/html/index.html', '');
    files.set('/usr/share/nginx/html/50x.html', '');
  }
  return files;
}

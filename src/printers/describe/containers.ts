// Container sections shared by describe pod and the pod templates of workload describes.
import type { DescribeWriter } from './writer.ts';
import type { Container, ContainerState, ContainerStatus } from '../../api/types.ts';
import { rfc1123z, parseTime } from '../../util/time.ts';

export function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const scheme = (h.scheme ?? 'HTTP').toLowerCase();
    return `http-get ${scheme}://${h.host ?? ''}:${h.port}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function portsText(c: Container): [string, string] {
  const ports = c.ports ?? [];
  if (!ports.length) return ['<none>', '<none>'];
  return [
    ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', '),
    ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', '),
  ];
}

const time = (ts?: string) => (ts ? rfc1123z(parseTime(ts)!) : '<unknown>');

function writeState(w: DescribeWriter, label: string, s: ContainerState): void {
  if (s.running) {
    w.line(2, label, 'Running');
    w.line(3, 'Started', time(s.running.startedAt));
  } else if (s.waiting) {
    w.line(2, label, 'Waiting');
    if (s.waiting.reason) w.line(3, 'Reason', s.waiting.reason);
  } else if (s.terminated) {
    const t = s.terminated;
    w.line(2, label, 'Terminated');
    if (t.reason) w.line(3, 'Reason', t.reason);
    if (t.message) w.line(3, 'Message', t.message);
    w.line(3, 'Exit Code', t.exitCode);
    if (t.signal) w.line(3, 'Signal', t.signal);
    w.line(3, 'Started', time(t.startedAt));
    w.line(3, 'Finished', time(t.finishedAt));
  } else {
    w.line(2, label, 'Waiting');
  }
}

function envValue(e: { name: string; value?: string; valueFrom?: any }): string {
  const f = e.valueFrom;
  if (!f) return e.value ?? '';
  if (f.secretKeyRef) return `<set to the key '${f.secretKeyRef.key}' in secret '${f.secretKeyRef.name}'>\tOptional: ${!!f.secretKeyRef.optional}`;
  if (f.configMapKeyRef) return `<set to the key '${f.configMapKeyRef.key}' of config map '${f.configMapKeyRef.name}'>\tOptional: ${!!f.configMapKeyRef.optional}`;
  if (f.fieldRef) return ` (${f.fieldRef.apiVersion ?? 'v1'}:${f.fieldRef.fieldPath})`;
  if (f.resourceFieldRef) return `${f.resourceFieldRef.resource}`;
  return '';
}

/** One container at LEVEL_1 (pod) — `status` is absent in templates. */
export function writeContainer(w: DescribeWriter, c: Container, status: ContainerStatus | undefined, template: boolean): void {
  w.write(template ? 1 : 1, template ? ` ${c.name}:\n` : `${c.name}:\n`);
  if (status?.containerID) w.line(2, 'Container ID', status.containerID);
  else if (status && !template) w.line(2, 'Container ID', '');
  w.line(2, 'Image', c.image);
  if (status) w.line(2, 'Image ID', status.imageID ?? '');
  const [ports, hostPorts] = portsText(c);
  w.line(2, (c.ports?.length ?? 0) > 1 ? 'Ports' : 'Port', ports);
  w.line(2, (c.ports?.length ?? 0) > 1 ? 'Host Ports' : 'Host Port', hostPorts);
  for (const [label, list] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!list?.length) continue;
    w.line(2, label);
    for (const part of list) for (const line of part.split('\n')) w.write(3, `${line}\n`);
  }
  if (status) {
    writeState(w, 'State', status.state ?? {});
    if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState);
    w.line(2, 'Ready', status.ready ? 'True' : 'False');
    w.line(2, 'Restart Count', status.restartCount ?? 0);
  }
  for (const [label, res] of [
    ['Limits', c.resources?.limits],
    ['Requests', c.resources?.requests],
  ] as const) {
    const keys = Object.keys(res ?? {}).sort();
    if (!keys.length) continue;
    w.line(2, label);
    for (const k of keys) w.line(3, k, res![k]);
  }
  if (c.livenessProbe) w.line(2, 'Liveness', describeProbe(c.livenessProbe));
  if (c.readinessProbe) w.line(2, 'Readiness', describeProbe(c.readinessProbe));
  if (c.startupProbe) w.line(2, 'Startup', describeProbe(c.startupProbe));
  if (c.envFrom?.length) {
    w.line(2, 'Environment Variables from');
    for (const ef of c.envFrom) {
      const ref = ef.configMapRef ?? ef.secretRef;
      const kind = ef.configMapRef ? 'ConfigMap' : 'Secret';
      w.write(3, `${ref.name}\t${kind}\t${ef.prefix ? `Prefix: ${ef.prefix}` : ''}Optional: ${!!ref.optional}\n`);
    }
  }
  if (!c.env?.length) w.line(2, 'Environment', '<none>');
  else {
    w.line(2, 'Environment');
    for (const e of c.env) w.write(3, `${e.name}:\t${envValue(e)}\n`);
  }
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
  if (!mounts.length) w.line(2, 'Mounts', '<none>');
  else {
    w.line(2, 'Mounts');
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])].join(',');
      w.write(3, `${m.mountPath} from ${m.name} (${flags})\n`);
    }
  }
}

export function tolerationText(t: any): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += s ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

/** `Label:\tfirst` then continuation lines under it; `<none>` when empty. */
export function writeList(w: DescribeWriter, level: number, label: string, items: string[]): void {
  if (!items.length) {
    w.line(level, label, '<none>');
    return;
  }
  items.forEach((it, i) => w.write(level, i === 0 ? `${label}:\t${it}\n` : `\t${it}\n`));
}

export function writeTolerations(w: DescribeWriter, level: number, tolerations: any[] | undefined): void {
  const sorted = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  writeList(w, level, 'Tolerations', sorted.map(tolerationText));
}

export function nodeSelectorText(sel: Record<string, string> | undefined): string[] {
  return Object.keys(sel ?? {})
    .sort()
    .map((k) => `${k}=${sel![k]}`);
}

export function writeVolumes(w: DescribeWriter, level: number, volumes: any[] | undefined): void {
  if (!volumes?.length) {
    w.line(level, 'Volumes', '<none>');
    return;
  }
  w.line(level, 'Volumes');
  // describeVolumes: names one level in (a space more inside a pod template), details at level 2.
  for (const v of volumes) {
    w.write(1, `${level ? ' ' : ''}${v.name}:\n`);
    const l = 2;
    if (v.projected) {
      w.line(l, 'Type', 'Projected (a volume that contains injected data from multiple sources)');
      for (const src of v.projected.sources ?? []) {
        if (src.serviceAccountToken) w.line(l, 'TokenExpirationSeconds', src.serviceAccountToken.expirationSeconds ?? 3600);
        if (src.configMap) {
          w.line(l, 'ConfigMapName', src.configMap.name);
          w.line(l, 'ConfigMapOptional', src.configMap.optional === undefined ? '<nil>' : String(src.configMap.optional));
        }
        if (src.downwardAPI) w.line(l, 'DownwardAPI', 'true');
      }
    } else if (v.configMap) {
      w.line(l, 'Type', 'ConfigMap (a volume populated by a ConfigMap)');
      w.line(l, 'Name', v.configMap.name);
      w.line(l, 'Optional', String(!!v.configMap.optional));
    } else if (v.secret) {
      w.line(l, 'Type', 'Secret (a volume populated by a Secret)');
      w.line(l, 'SecretName', v.secret.secretName);
      w.line(l, 'Optional', String(!!v.secret.optional));
    } else if (v.emptyDir) {
      w.line(l, 'Type', 'EmptyDir (a temporary directory that shares a pod\'s lifetime)');
      w.line(l, 'Medium', v.emptyDir.medium ?? '');
      w.line(l, 'SizeLimit', v.emptyDir.sizeLimit ?? '<unset>');
    } else if (v.hostPath) {
      w.line(l, 'Type', 'HostPath (bare host directory volume)');
      w.line(l, 'Path', v.hostPath.path);
      w.line(l, 'HostPathType', v.hostPath.type ?? '');
    } else if (v.persistentVolumeClaim) {
      w.line(l, 'Type', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
      w.line(l, 'ClaimName', v.persistentVolumeClaim.claimName);
      w.line(l, 'ReadOnly', String(!!v.persistentVolumeClaim.readOnly));
    }
  }
}

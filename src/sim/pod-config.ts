// What a pod needs from its namespace before it can run: the ConfigMaps and Secrets its volumes
// mount (else the kubelet cannot mount them: FailedMount) and those its containers' environment
// reads (else CreateContainerConfigError), with the kubelet's messages.
import type { ApiServer } from '../api/server.ts';
import type { Container, Pod } from '../api/types.ts';

/** The first volume that cannot be mounted, and why (`MountVolume.SetUp failed for volume ...`). */
export function missingVolumeSource(api: ApiServer, pod: Pod): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const v of pod.spec.volumes ?? []) {
    const source = v.configMap ? { kind: 'configmap', plural: 'configmaps', name: v.configMap.name, spec: v.configMap } : v.secret ? { kind: 'secret', plural: 'secrets', name: v.secret.secretName, spec: v.secret } : undefined;
    if (!source || source.spec.optional) continue;
    const obj = api.get(source.plural, ns, source.name);
    if (!obj) return `MountVolume.SetUp failed for volume "${v.name}" : ${source.kind} "${source.name}" not found`;
    const data = { ...obj.data, ...obj.binaryData };
    for (const item of source.spec.items ?? []) {
      if (!(item.key in data)) return `MountVolume.SetUp failed for volume "${v.name}" : ${source.kind} references non-existent ${source.kind === 'configmap' ? 'config' : 'secret'} key: ${item.key}`;
    }
  }
  return undefined;
}

/** Why the container's environment cannot be built (CreateContainerConfigError's message), if it cannot. */
export function containerConfigError(api: ApiServer, pod: Pod, c: Container): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref || ref.optional) continue;
    const kind = from.configMapRef ? 'configmap' : 'secret';
    if (!api.get(`${kind}s`, ns, ref.name)) return `${kind} "${ref.name}" not found`;
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (!ref || ref.optional) continue;
    const isConfigMap = !!e.valueFrom.configMapKeyRef;
    const kind = isConfigMap ? 'configmap' : 'secret';
    const obj = api.get(`${kind}s`, ns, ref.name);
    if (!obj) return `${kind} "${ref.name}" not found`;
    const data = { ...obj.data, ...obj.binaryData };
    if (!(ref.key in data)) return `couldn't find key ${ref.key} in ${isConfigMap ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name}`;
  }
  return undefined;
}

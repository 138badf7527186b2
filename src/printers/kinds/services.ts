import type { KindPrinter } from './kind-printer.ts';
import { age } from './kind-printer.ts';
import type { KObject } from '../../api/types.ts';

export function serviceExternalIP(svc: KObject, wide: boolean): string {
  const spec = svc.spec ?? {};
  const external: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'LoadBalancer': {
      const ingress = [
        ...new Set(((svc.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[]).map((i) => i.ip || i.hostname || '')),
      ]
        .filter(Boolean)
        .sort();
      const all = [...ingress, ...external];
      if (!all.length) return '<pending>';
      const s = all.join(',');
      return !wide && s.length > 16 ? `${s.slice(0, 13)}...` : s;
    }
    case 'ExternalName':
      return spec.externalName ?? '<none>';
    default:
      return external.length ? external.join(',') : '<none>';
  }
}

export function servicePorts(svc: KObject): string {
  const ports: { port: number; nodePort?: number; protocol?: string }[] = svc.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export function serviceSelector(svc: KObject): string {
  const sel = Object.entries(svc.spec?.selector ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return sel.length ? sel.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

export function makeServicePrinter(wide: boolean): KindPrinter {
  return {
    columns: [
      { name: 'NAME' },
      { name: 'TYPE' },
      { name: 'CLUSTER-IP' },
      { name: 'EXTERNAL-IP' },
      { name: 'PORT(S)' },
      { name: 'AGE' },
      { name: 'SELECTOR', wide: true },
    ],
    cells: (o, ctx) => [
      o.metadata.name,
      o.spec?.type ?? 'ClusterIP',
      o.spec?.clusterIPs?.[0] ?? o.spec?.clusterIP ?? '<none>',
      serviceExternalIP(o, wide),
      servicePorts(o),
      age(o, ctx),
      serviceSelector(o),
    ],
  };
}

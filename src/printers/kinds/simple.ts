// Printers for kinds whose columns are a line or two each.
import type { KindPrinter } from './kind-printer.ts';
import { age, since } from './kind-printer.ts';
import type { EventObject, KObject } from '../../api/types.ts';
import { formatLabelSelector } from '../../api/selectors.ts';

export const namespacePrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'STATUS' }, { name: 'AGE' }],
  cells: (o, ctx) => [o.metadata.name, o.status?.phase ?? '', age(o, ctx)],
};

export const configMapPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'DATA' }, { name: 'AGE' }],
  cells: (o, ctx) => [o.metadata.name, String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), age(o, ctx)],
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'SECRETS' }, { name: 'AGE' }],
  cells: (o, ctx) => [o.metadata.name, String((o.secrets ?? []).length), age(o, ctx)],
};

export function formatEndpoints(o: KObject): string {
  const list: string[] = [];
  let total = 0;
  for (const subset of o.subsets ?? []) {
    const addrs: { ip: string }[] = subset.addresses ?? [];
    const ports: { port: number }[] = subset.ports ?? [];
    if (!ports.length) {
      for (const a of addrs) {
        total++;
        if (list.length < 3) list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      for (const a of addrs) {
        total++;
        if (list.length < 3) list.push(`${a.ip}:${p.port}`);
      }
    }
  }
  if (!list.length) return '<none>';
  return list.join(',') + (total > list.length ? ` + ${total - list.length} more...` : '');
}

export const endpointsPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'ENDPOINTS' }, { name: 'AGE' }],
  cells: (o, ctx) => [o.metadata.name, formatEndpoints(o), age(o, ctx)],
};

const containersOf = (o: KObject) => (o.spec?.template?.spec?.containers ?? []) as { name: string; image: string }[];
const wideWorkloadCells = (o: KObject) => [
  containersOf(o).map((c) => c.name).join(','),
  containersOf(o).map((c) => c.image).join(','),
];

export const deploymentPrinter: KindPrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'READY' },
    { name: 'UP-TO-DATE' },
    { name: 'AVAILABLE' },
    { name: 'AGE' },
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  cells: (o, ctx) => [
    o.metadata.name,
    `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
    String(o.status?.updatedReplicas ?? 0),
    String(o.status?.availableReplicas ?? 0),
    age(o, ctx),
    ...wideWorkloadCells(o),
    formatLabelSelector(o.spec?.selector),
  ],
};

export const replicaSetPrinter: KindPrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'DESIRED' },
    { name: 'CURRENT' },
    { name: 'READY' },
    { name: 'AGE' },
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  cells: (o, ctx) => [
    o.metadata.name,
    String(o.spec?.replicas ?? 0),
    String(o.status?.replicas ?? 0),
    String(o.status?.readyReplicas ?? 0),
    age(o, ctx),
    ...wideWorkloadCells(o),
    formatLabelSelector(o.spec?.selector),
  ],
};

export const daemonSetPrinter: KindPrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'DESIRED' },
    { name: 'CURRENT' },
    { name: 'READY' },
    { name: 'UP-TO-DATE' },
    { name: 'AVAILABLE' },
    { name: 'NODE SELECTOR' },
    { name: 'AGE' },
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  cells: (o, ctx) => {
    const s = o.status ?? {};
    const sel = Object.entries(o.spec?.template?.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    return [
      o.metadata.name,
      String(s.desiredNumberScheduled ?? 0),
      String(s.currentNumberScheduled ?? 0),
      String(s.numberReady ?? 0),
      String(s.updatedNumberScheduled ?? 0),
      String(s.numberAvailable ?? 0),
      sel || '<none>',
      age(o, ctx),
      ...wideWorkloadCells(o),
      formatLabelSelector(o.spec?.selector),
    ];
  },
};

export function eventObjectRef(e: EventObject): string {
  return `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`;
}

export function eventLastSeen(e: EventObject): string | null | undefined {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.firstTimestamp ?? e.eventTime;
}

export const eventPrinter: KindPrinter = {
  columns: [
    { name: 'LAST SEEN' },
    { name: 'TYPE' },
    { name: 'REASON' },
    { name: 'OBJECT' },
    { name: 'SUBOBJECT', wide: true },
    { name: 'SOURCE', wide: true },
    { name: 'MESSAGE' },
    { name: 'FIRST SEEN', wide: true },
    { name: 'COUNT', wide: true },
    { name: 'NAME', wide: true },
  ],
  cells(o, ctx) {
    const e = o as EventObject;
    const source = e.source?.component ? [e.source.component, e.source.host].filter(Boolean).join(', ') : e.reportingComponent ?? '';
    return [
      since(eventLastSeen(e), ctx.now),
      e.type,
      e.reason,
      eventObjectRef(e),
      e.involvedObject.fieldPath ?? '',
      source,
      (e.message ?? '').trim(),
      since(e.firstTimestamp ?? e.eventTime, ctx.now),
      String(e.series?.count ?? e.count ?? 1),
      e.metadata.name,
    ];
  },
};

export const secretPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'TYPE' }, { name: 'DATA' }, { name: 'AGE' }],
  cells: (o, ctx) => [o.metadata.name, o.type ?? '', String(Object.keys(o.data ?? {}).length), age(o, ctx)],
};

export const statefulSetPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'READY' }, { name: 'AGE' }, { name: 'CONTAINERS', wide: true }, { name: 'IMAGES', wide: true }],
  cells: (o, ctx) => [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, age(o, ctx), ...wideWorkloadCells(o)],
};

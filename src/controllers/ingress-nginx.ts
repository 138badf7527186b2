// The ingress-nginx controller's bookkeeping (its routing is sim/ingress-proxy.ts): each Ingress of
// its class gets a Sync event when it changes, and a while later its status gets the address
// clients reach the controller on (the node the controller runs on, as its hostPort serves it).
import type { Controller } from './controller.ts';
import type { ApiServer } from '../api/server.ts';
import type { KObject, Node, Pod } from '../api/types.ts';
import { keyOf } from '../api/server.ts';
import { isIngressController, servedIngresses } from '../sim/ingress-proxy.ts';
import { isPodReady } from './replicaset.ts';

const STATUS_SYNC = 'ingress-status-sync';
/** How long the controller takes to publish an address after it picks an Ingress up. */
const STATUS_DELAY_MS = 20_000;
const SOURCE = 'nginx-ingress-controller';

function controllerAddress(api: ApiServer): string | undefined {
  const pod = api.list<Pod>('pods', 'ingress-nginx').find((p) => isIngressController(p) && isPodReady(p));
  if (!pod) return undefined;
  return api.get<Node>('nodes', undefined, pod.spec.nodeName ?? '')?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
}

function publish(api: ApiServer, ing: KObject): void {
  const ip = controllerAddress(api);
  if (!ip) return;
  const current = ing.status?.loadBalancer?.ingress ?? [];
  if (current.length === 1 && current[0].ip === ip) return;
  const copy = structuredClone(ing);
  copy.status = { loadBalancer: { ingress: [{ ip }] } };
  api.update(copy);
  api.recordEvent(copy, 'Normal', 'Sync', 'Scheduled for sync', SOURCE);
}

export const ingressNginx: Controller = {
  name: 'ingress-nginx-controller',
  watches: ['ingresses', 'pods', 'ingressclasses'],
  reconcile(api, changes) {
    const controllerChanged = changes.some((c) => c.resource === 'pods' && isIngressController(c.obj as Pod));
    // Most pod changes are not the controller's: nothing to do.
    if (!controllerChanged && !changes.some((c) => c.resource !== 'pods')) return;
    const served = new Set(servedIngresses(api).map((i) => keyOf(i)));
    const ready = !!controllerAddress(api);
    for (const c of changes) {
      if (c.resource !== 'ingresses' || c.type === 'DELETED' || !served.has(c.key) || !ready) continue;
      // Spec changes (not the controller's own status writes) are synced.
      if (c.type === 'ADDED' || c.old?.metadata.generation !== c.obj.metadata.generation) {
        api.recordEvent(c.obj, 'Normal', 'Sync', 'Scheduled for sync', SOURCE);
        if (!api.hasTimer(STATUS_SYNC, c.key)) api.schedule(api.now() + STATUS_DELAY_MS, STATUS_SYNC, c.key);
      }
    }
    if (controllerChanged && ready) {
      for (const ing of servedIngresses(api)) if (!ing.status?.loadBalancer?.ingress?.length && !api.hasTimer(STATUS_SYNC, keyOf(ing))) {
        api.recordEvent(ing, 'Normal', 'Sync', 'Scheduled for sync', SOURCE);
        api.schedule(api.now() + STATUS_DELAY_MS, STATUS_SYNC, keyOf(ing));
      }
    }
  },
  timers: {
    [STATUS_SYNC]: (api, key) => {
      const [ns, name] = key.split('/');
      const ing = api.get('ingresses', ns, name);
      if (ing) publish(api, ing);
    },
  },
};

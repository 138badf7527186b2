// The load-balancer provider (a cloud's service controller, or MetalLB on bare metal): a
// LoadBalancer service shows EXTERNAL-IP <pending> for a few seconds, then gets an address.
import type { Controller } from './controller.ts';
import type { ApiServer } from '../api/server.ts';
import type { KObject } from '../api/types.ts';

const ASSIGN = 'loadbalancer-assign';
const PROVISION_MS = 4000;
const POOL_PREFIX = '172.30.255.';
const POOL_START = 100;

function assign(api: ApiServer, key: string): void {
  const [ns, name] = key.split('/');
  const svc = api.get('services', ns, name);
  if (!svc || svc.spec.type !== 'LoadBalancer' || svc.status?.loadBalancer?.ingress?.length) return;
  const used = new Set(api.list('services').flatMap((s) => (s.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip)));
  let ip = svc.spec.loadBalancerIP as string | undefined;
  for (let n = POOL_START; !ip && n < 255; n++) if (!used.has(`${POOL_PREFIX}${n}`)) ip = `${POOL_PREFIX}${n}`;
  if (!ip) return;
  const copy = structuredClone(svc);
  copy.status = { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
  api.update(copy);
  api.recordEvent(copy, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller');
}

const wantsAddress = (s: KObject | undefined) => s?.spec?.type === 'LoadBalancer' && !s.status?.loadBalancer?.ingress?.length;

export const loadBalancerController: Controller = {
  name: 'service-controller',
  watches: ['services'],
  reconcile(api, changes) {
    for (const c of changes) {
      if (c.type === 'DELETED') continue;
      const svc = api.get('services', c.obj.metadata.namespace, c.obj.metadata.name);
      if (wantsAddress(svc) && !api.hasTimer(ASSIGN, c.key)) {
        api.recordEvent(svc!, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller');
        api.schedule(api.now() + PROVISION_MS, ASSIGN, c.key);
      } else if (svc && svc.spec.type !== 'LoadBalancer' && svc.status?.loadBalancer?.ingress) {
        const copy = structuredClone(svc);
        copy.status = { loadBalancer: {} };
        api.update(copy);
      }
    }
  },
  timers: { [ASSIGN]: assign },
};

// The kubelets of all nodes: for now, graceful termination of deleted pods.
import type { Controller } from './controller.ts';
import type { ApiServer } from '../api/server.ts';
import type { Pod } from '../api/types.ts';
import { parseTime } from '../util/time.ts';

function podTerminated(api: ApiServer, key: string): void {
  const [ns, name] = key.split('/');
  const pod = api.get<Pod>('pods', ns, name);
  if (pod?.metadata.deletionTimestamp) api.remove(pod);
}

export const kubelet: Controller = {
  name: 'kubelet',
  watches: ['pods'],
  reconcile(api, changes) {
    for (const c of changes) {
      if (c.type !== 'MODIFIED') continue;
      const pod = api.get<Pod>('pods', c.obj.metadata.namespace, c.obj.metadata.name);
      if (!pod?.metadata.deletionTimestamp || !pod.spec.nodeName) continue;
      if (api.state.timers.some((t) => t.type === 'pod-terminated' && t.key === c.key)) continue;
      for (const container of pod.spec.containers) {
        api.recordEvent(pod, 'Normal', 'Killing', `Stopping container ${container.name}`, 'kubelet', {
          host: pod.spec.nodeName,
          fieldPath: `spec.containers{${container.name}}`,
        });
      }
      api.schedule(parseTime(pod.metadata.deletionTimestamp)!, 'pod-terminated', c.key);
    }
  },
  timers: { 'pod-terminated': podTerminated },
};

import type { Controller } from './controller.ts';
import { namespaceController } from './namespace.ts';
import { garbageCollector } from './garbage-collector.ts';
import { kubelet } from './kubelet.ts';
import { scheduler } from './scheduler.ts';
import { replicaSetController } from './replicaset.ts';
import { deploymentController } from './deployment.ts';
import { endpointsController } from './endpoints.ts';
import { loadBalancerController } from './service-lb.ts';
import { daemonSetController } from './daemonset.ts';
import { nodeLifecycleController } from './node-lifecycle.ts';
import { jobController } from './job.ts';
import { cronJobController } from './cronjob.ts';
import { statefulSetController } from './statefulset.ts';
import { volumeBinder } from './volume-binder.ts';
import { clusterRoleAggregation } from './clusterrole-aggregation.ts';
import { ingressNginx } from './ingress-nginx.ts';

/** Every control-plane component, in the order they react within one instant. */
export const CONTROLLERS: Controller[] = [
  namespaceController,
  deploymentController,
  replicaSetController,
  daemonSetController,
  statefulSetController,
  cronJobController,
  jobController,
  nodeLifecycleController,
  scheduler,
  volumeBinder,
  kubelet,
  endpointsController,
  loadBalancerController,
  garbageCollector,
  clusterRoleAggregation,
  ingressNginx,
];

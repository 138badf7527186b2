import type { KindPrinter } from './kind-printer.ts';
import { podPrinter } from './pods.ts';
import { nodePrinter } from './nodes.ts';
import { makeServicePrinter } from './services.ts';
import {
  configMapPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  endpointsPrinter,
  eventPrinter,
  namespacePrinter,
  replicaSetPrinter,
  serviceAccountPrinter,
  secretPrinter,
  statefulSetPrinter,
} from './simple.ts';
import { cronJobPrinter, jobPrinter } from './batch.ts';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage.ts';
import { roleBindingPrinter, rolePrinter } from './rbac.ts';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './networking.ts';

/** The table printer of each resource (by plural), shared by every verb. */
export function printerFor(plural: string, wide: boolean): KindPrinter {
  switch (plural) {
    case 'pods':
      return podPrinter;
    case 'nodes':
      return nodePrinter;
    case 'services':
      return makeServicePrinter(wide);
    case 'namespaces':
      return namespacePrinter;
    case 'configmaps':
      return configMapPrinter;
    case 'serviceaccounts':
      return serviceAccountPrinter;
    case 'endpoints':
      return endpointsPrinter;
    case 'deployments':
      return deploymentPrinter;
    case 'replicasets':
      return replicaSetPrinter;
    case 'daemonsets':
      return daemonSetPrinter;
    case 'events':
      return eventPrinter;
    case 'secrets':
      return secretPrinter;
    case 'statefulsets':
      return statefulSetPrinter;
    case 'jobs':
      return jobPrinter;
    case 'cronjobs':
      return cronJobPrinter;
    case 'persistentvolumes':
      return persistentVolumePrinter;
    case 'persistentvolumeclaims':
      return persistentVolumeClaimPrinter;
    case 'storageclasses':
      return storageClassPrinter;
    case 'networkpolicies':
      return networkPolicyPrinter;
    case 'ingresses':
      return ingressPrinter;
    case 'ingressclasses':
      return ingressClassPrinter;
    case 'roles':
    case 'clusterroles':
      return rolePrinter;
    case 'rolebindings':
    case 'clusterrolebindings':
      return roleBindingPrinter;
    default:
      throw new Error(`no printer for ${plural}`);
  }
}

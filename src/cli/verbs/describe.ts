// kubectl describe TYPE [NAME_PREFIX] | TYPE/NAME ...
import { attributesFor, checkAccess } from '../access.ts';
import type { Command } from 'commander';
import { CliError, renderError, notFound } from '../../api/errors.ts';
import type { ApiServer } from '../../api/server.ts';
import type { EventObject, KObject, Node, Pod } from '../../api/types.ts';
import type { ResourceType } from '../../api/resources.ts';
import { parseLabelSelector, matchesLabels } from '../../api/selectors.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { parseResourceArgs } from '../resource-args.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { describePod } from '../../printers/describe/pod.ts';
import { describeNode } from '../../printers/describe/node.ts';
import { describeNamespace } from '../../printers/describe/namespace.ts';
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from '../../printers/describe/workloads.ts';
import { describeCronJob, describeJob } from '../../printers/describe/batch.ts';
import { describeConfigMap, describeSecret, describeServiceAccount } from '../../printers/describe/config.ts';
import { describeRole, describeRoleBinding } from '../../printers/describe/rbac.ts';
import { describeIngress, describeIngressClass, describeNetworkPolicy } from '../../printers/describe/networking.ts';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from '../../printers/describe/storage.ts';
import { claimsOf } from '../../controllers/volume-binder.ts';
import { describeEndpoints, describeService } from '../../printers/describe/service.ts';
import { controllerOf, ownedPods } from '../../controllers/replicaset.ts';
import { present } from '../../printers/present.ts';
import { out, err } from '../io.ts';
import { RawError } from '../../api/errors.ts';
import { colourEnabled, colours } from '../colour.ts';

function eventsFor(api: ApiServer, obj: KObject): EventObject[] {
  return api
    .list<EventObject>('events', obj.kind === 'Node' ? undefined : obj.metadata.namespace)
    .filter(
      (e) =>
        e.involvedObject.kind === obj.kind &&
        e.involvedObject.name === obj.metadata.name &&
        (e.involvedObject.uid === obj.metadata.uid || (obj.kind === 'Node' && e.involvedObject.uid === obj.metadata.name) || !e.involvedObject.uid),
    );
}

export function describeObject(api: ApiServer, type: ResourceType, obj: KObject): string {
  const now = api.now();
  const events = eventsFor(api, obj);
  switch (type.plural) {
    case 'pods':
      return describePod(obj as Pod, events, now);
    case 'nodes':
      return describeNode(
        present(obj, now) as Node,
        api.list<Pod>('pods').filter((p) => p.spec.nodeName === obj.metadata.name),
        events,
        now,
      );
    case 'namespaces':
      return describeNamespace(obj);
    case 'deployments': {
      const sets = api.list('replicasets', obj.metadata.namespace).filter((rs) => controllerOf(rs)?.uid === obj.metadata.uid);
      const rev = (o: KObject) => Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
      const newRS = sets.find((rs) => rev(rs) === rev(obj)) ?? undefined;
      const old = sets.filter((rs) => rs !== newRS);
      return describeDeployment(obj, newRS, old, events, now);
    }
    case 'replicasets':
      return describeReplicaSet(obj, ownedPods(api, obj), events, now);
    case 'services':
      return describeService(obj, api.get('endpoints', obj.metadata.namespace, obj.metadata.name), events, now);
    case 'endpoints':
      return describeEndpoints(obj, events, now);
    case 'statefulsets':
      return describeStatefulSet(obj, ownedPods(api, obj), events, now);
    case 'daemonsets':
      return describeDaemonSet(obj, ownedPods(api, obj), events, now);
    case 'jobs':
      return describeJob(obj, events, now);
    case 'cronjobs':
      return describeCronJob(obj, events, now);
    case 'configmaps':
      return describeConfigMap(obj, events, now);
    case 'secrets':
      return describeSecret(obj);
    case 'persistentvolumes':
      return describePersistentVolume(obj, events, now);
    case 'persistentvolumeclaims':
      return describePersistentVolumeClaim(obj, api.list<Pod>('pods', obj.metadata.namespace).filter((p) => claimsOf(p).includes(obj.metadata.name)), events, now);
    case 'storageclasses':
      return describeStorageClass(obj, events, now);
    case 'networkpolicies':
      return describeNetworkPolicy(obj);
    case 'ingresses':
      return describeIngress(api, obj, events, now);
    case 'ingressclasses':
      return describeIngressClass(obj, events, now);
    case 'roles':
    case 'clusterroles':
      return describeRole(obj);
    case 'rolebindings':
    case 'clusterrolebindings':
      return describeRoleBinding(obj);
    case 'serviceaccounts': {
      const secrets = api.list('secrets', obj.metadata.namespace);
      const tokens = secrets
        .filter((s) => s.type === 'kubernetes.io/service-account-token' && s.metadata.annotations?.['kubernetes.io/service-account.name'] === obj.metadata.name)
        .map((s) => s.metadata.name);
      return describeServiceAccount(obj, secrets.map((s) => s.metadata.name), tokens, events, now);
    }
    default:
      throw new CliError(`describe is not supported for ${type.plural} in this version of kubesim`);
  }
}

export function registerDescribe(program: Command): void {
  program
    .command('describe')
    .summary('Show details of a specific resource or group of resources')
    .description('Show details of a specific resource or group of resources.')
    .usage('(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]')
    .argument('[args...]')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces')
    .option('--show-events <bool>', 'If true, display events related to the described object', 'true')
    .action((args: string[], _o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      if (!args.length) {
        throw new RawError(
          `You must specify the type of resource to describe. Use "${PROGRAM} api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee '${PROGRAM} describe -h' for help and examples`,
        );
      }
      const requests = parseResourceArgs(args);
      const target = resolveTarget(opts);
      const sel = opts.selector !== undefined ? parseLabelSelector(opts.selector) : undefined;
      const { texts, errors, empty } = withCluster(target.cluster, (api) => {
        const texts: string[] = [];
        const errors: string[] = [];
        for (const req of requests) {
          const ns = req.type.namespaced && !opts.allNamespaces ? target.namespace : undefined;
          if (req.names.length) {
            for (const name of req.names) {
              try {
                checkAccess(api, target, attributesFor(req.type, 'get', target.namespace, name));
              } catch (e) {
                errors.push(renderError(e));
                continue;
              }
              const exact = api.get(req.type, target.namespace, name);
              const matches = exact ? [exact] : api.list(req.type, ns).filter((o) => o.metadata.name.startsWith(name));
              if (!matches.length) errors.push(renderError(notFound(req.type, name)));
              for (const o of matches) texts.push(describeObject(api, req.type, o));
            }
          } else {
            try {
              checkAccess(api, target, attributesFor(req.type, 'list', ns));
            } catch (e) {
              errors.push(renderError(e));
              continue;
            }
            const objs = api.list(req.type, ns).filter((o) => !sel || matchesLabels(sel, o.metadata.labels));
            for (const o of objs) texts.push(describeObject(api, req.type, o));
          }
        }
        return { texts, errors, empty: !texts.length };
      });
      const text = texts.join('\n\n');
      // On a terminal, Warning events stand out (the layout is already done: widths are unchanged).
      out(colourEnabled() ? text.replace(/^( {2})(Warning)(?= )/gm, (_m, pad, w) => pad + colours().yellow(w)) : text);
      for (const e of errors) err(e);
      if (empty && !errors.length) err(opts.allNamespaces ? 'No resources found' : `No resources found in ${target.namespace} namespace.`);
      if (errors.length) process.exitCode = 1;
    });
}

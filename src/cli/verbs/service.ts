// kubectl expose and kubectl create service clusterip|nodeport|loadbalancer|externalname.
import type { Command } from 'commander';
import { CliError, RawError, UsageError, notFound } from '../../api/errors.ts';
import type { KObject, Pod } from '../../api/types.ts';
import { allOpts, intFlag, PROGRAM } from '../program.ts';
import { parseResourceArgs } from '../resource-args.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { attributesFor, checkAccess } from '../access.ts';
import { resourceForKind } from '../../api/resources.ts';
import { addDryRunOptions, dryRunMode, printCreated } from './mutation-output.ts';
import { parseKeyValues } from './key-values.ts';
import { out } from '../io.ts';

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',')];

/** The selector `expose` uses for an object (MapBasedSelectorForObject). */
function selectorFor(obj: KObject): Record<string, string> {
  switch (obj.kind) {
    case 'Pod':
      if (!Object.keys(obj.metadata.labels ?? {}).length) throw new CliError('the pod has no labels and cannot be exposed');
      return { ...obj.metadata.labels };
    case 'Service':
      if (!obj.spec.selector) throw new CliError(`couldn't find selectors via --selector flag or introspection: service "${obj.metadata.name}" has no selector`);
      return { ...obj.spec.selector };
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = obj.spec.selector ?? {};
      if (sel.matchExpressions?.length) {
        throw new CliError(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      }
      if (!Object.keys(sel.matchLabels ?? {}).length) throw new CliError(`invalid ${obj.kind.toLowerCase()}: no selectors, therefore cannot be exposed`);
      return { ...sel.matchLabels };
    }
    default:
      throw new CliError(`cannot expose a ${obj.kind}${obj.apiVersion.includes('/') ? `.${obj.apiVersion.split('/')[0]}` : ''}`);
  }
}

/** The ports `expose` finds by introspection (PortsForObject / ProtocolsForObject). */
function portsFor(obj: KObject): { port: number; protocol: string }[] {
  if (obj.kind === 'Service') return (obj.spec.ports ?? []).map((p: any) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const spec = obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
  const seen = new Set<string>();
  const ports: { port: number; protocol: string }[] = [];
  for (const c of (spec?.containers ?? []) as Pod['spec']['containers']) {
    for (const p of c.ports ?? []) {
      const key = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ports.push({ port: p.containerPort, protocol: p.protocol ?? 'TCP' });
    }
  }
  return ports;
}

const EXPOSABLE = ['pods', 'services', 'deployments', 'replicasets', 'replicationcontrollers'];

export function registerExpose(program: Command): void {
  const cmd = program
    .command('expose')
    .summary('Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service')
    .description('Expose a resource as a new Kubernetes service.')
    .usage('(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]')
    .argument('[args...]')
    .option('--port <port>', 'The port that the service should serve on.')
    .option('--target-port <port>', 'Name or number for the port on the container that the service should direct traffic to.')
    .option('--protocol <protocol>', 'The network protocol for the service to be created. Default is \'TCP\'.')
    .option('--type <type>', "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")
    .option('--name <name>', 'The name for the newly created object.')
    .option('--selector <selector>', 'A label selector to use for this service. Only equality-based selector requirements are supported.')
    .option('-l, --labels <labels>', 'Labels to apply to the service created by this call.')
    .option('--external-ip <ip>', 'Additional external IP address (not managed by Kubernetes) to accept for the service.')
    .option('--cluster-ip <ip>', "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.")
    .option('--load-balancer-ip <ip>', 'IP to assign to the LoadBalancer.')
    .option('--session-affinity <affinity>', "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'");
  addDryRunOptions(cmd).action((args: string[], _o, command: Command) => {
    const o = allOpts<any>(command);
    if (!args.length) {
      throw new RawError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    }
    const [req] = parseResourceArgs(args);
    if (!req.names.length) throw new CliError('resource(s) were provided, but no name was specified');
    if (!EXPOSABLE.includes(req.type.plural)) throw new CliError(`cannot expose a ${req.type.kind}${req.type.group ? `.${req.type.group}` : ''}`);
    const dryRun = dryRunMode(o.dryRun);
    const target = resolveTarget(o);
    const result = withCluster(target.cluster, (api) => {
      checkAccess(api, target, attributesFor(req.type, 'get', target.namespace, req.names[0]));
      const obj = api.get(req.type, target.namespace, req.names[0]);
      if (!obj) throw notFound(req.type, req.names[0]);
      const selector = o.selector ? parseKeyValues(o.selector, 'selector') : selectorFor(obj);
      let ports: { port: number; protocol: string }[];
      if (o.port !== undefined) {
        ports = String(o.port)
          .split(',')
          .map((p: string) => ({ port: Number(p), protocol: o.protocol ?? 'TCP' }));
        const bad = String(o.port).split(',').find((p: string) => !/^[+-]?\d+$/.test(p));
        if (bad !== undefined) throw new CliError(`strconv.Atoi: parsing "${bad}": invalid syntax`);
      } else {
        ports = portsFor(obj).map((p) => ({ ...p, protocol: o.protocol ?? p.protocol }));
        if (!ports.length && o.clusterIp !== 'None') throw new CliError("couldn't find port via --port flag or introspection");
      }
      const name = (o.name ?? obj.metadata.name).slice(0, 63);
      const svc: KObject = {
        kind: 'Service',
        apiVersion: 'v1',
        metadata: { name, namespace: target.namespace, labels: o.labels ? parseKeyValues(o.labels, 'labels') : { ...obj.metadata.labels } },
        spec: {
          ports: ports.map((p, i) => ({
            ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
            port: p.port,
            protocol: p.protocol,
            targetPort: o.targetPort !== undefined ? (/^\d+$/.test(o.targetPort) ? Number(o.targetPort) : o.targetPort) : p.port,
          })),
          selector,
          ...(o.type ? { type: o.type } : {}),
          ...(o.clusterIp ? { clusterIP: o.clusterIp } : {}),
          ...(o.externalIp ? { externalIPs: [o.externalIp] } : {}),
          ...(o.loadBalancerIp ? { loadBalancerIP: o.loadBalancerIp } : {}),
          ...(o.sessionAffinity ? { sessionAffinity: o.sessionAffinity } : {}),
        },
      };
      if (!Object.keys(svc.metadata.labels!).length) delete svc.metadata.labels;
      if (dryRun === 'client') {
        // As kubectl prints it: no namespace unless -n named one, a null creationTimestamp, an empty status.
        const { name: n, labels } = svc.metadata;
        return { ...svc, metadata: { name: n, ...(o.namespace ? { namespace: o.namespace } : {}), creationTimestamp: null as any, ...(labels ? { labels } : {}) }, status: { loadBalancer: {} } };
      }
      checkAccess(api, target, attributesFor(resourceForKind('Service'), 'create', target.namespace));
      return api.create(svc, { dryRun: dryRun === 'server' });
    });
    out(printCreated(result, 'exposed', o.output, dryRun));
  });
}

function parsePorts(specs: string[], withTarget: boolean): any[] {
  return specs.map((s) => {
    const [portText, targetText] = s.split(':');
    if (!/^\d+$/.test(portText)) throw new CliError(`strconv.ParseUint: parsing "${portText}": invalid syntax`);
    const port = Number(portText);
    const target = targetText === undefined ? port : /^\d+$/.test(targetText) ? Number(targetText) : targetText;
    return { name: targetText === undefined ? String(port) : `${port}-${targetText}`, port, protocol: 'TCP', ...(withTarget ? { targetPort: target } : {}) };
  });
}

export function registerCreateService(create: Command): void {
  const service = create.command('service').alias('svc').summary('Create a service using a specified subcommand').description('Create a service using a specified subcommand.');
  for (const type of ['clusterip', 'nodeport', 'loadbalancer', 'externalname'] as const) {
    const typeName = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' }[type];
    const sub = service
      .command(type)
      .description(`Create a ${typeName} service with the specified name.`)
      .usage(type === 'externalname' ? 'NAME --external-name external.name [--dry-run=server|client|none] [options]' : `NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]`)
      .argument('[name...]')
      .option('--tcp <ports>', 'Port pairs can be specified as \'<port>:<targetPort>\'.', collect);
    if (type === 'clusterip') sub.option('--clusterip <ip>', 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).');
    if (type === 'nodeport') sub.option('--node-port <port>', 'Port used to expose the service on each node in a cluster.', intFlag('--node-port', 'create service nodeport'));
    if (type === 'externalname') sub.option('--external-name <name>', 'External name of service');
    addDryRunOptions(sub).action((names: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, `${PROGRAM} create service ${type}`);
      const name = names[0];
      const tcp: string[] = o.tcp ?? [];
      if (type !== 'externalname' && !tcp.length && o.clusterip !== 'None') throw new RawError('error: at least one tcp port specifier must be provided');
      if (type === 'externalname' && !o.externalName) throw new RawError('error: required flag(s) "external-name" not set');
      const ports = parsePorts(tcp, true);
      if (type === 'nodeport' && o.nodePort !== undefined) for (const p of ports) p.nodePort = o.nodePort;
      const labels = { app: name };
      const spec: any = {
        ...(ports.length ? { ports: ports.map((p) => ({ name: p.name, ...(p.nodePort ? { nodePort: p.nodePort } : {}), port: p.port, protocol: p.protocol, targetPort: p.targetPort })) } : {}),
        selector: labels,
        ...(o.clusterip ? { clusterIP: o.clusterip } : {}),
        ...(type === 'externalname' ? { externalName: o.externalName } : {}),
        type: typeName,
      };
      const svc: KObject = { kind: 'Service', apiVersion: 'v1', metadata: { name, creationTimestamp: null as any, labels }, spec, status: { loadBalancer: {} } };
      const dryRun = dryRunMode(o.dryRun);
      if (dryRun === 'client') {
        out(printCreated(svc, 'created', o.output, dryRun));
        return;
      }
      const target = resolveTarget(o);
      const created = withCluster(target.cluster, (api) => {
        const { creationTimestamp: _, ...meta } = svc.metadata as any;
        return api.create({ ...svc, metadata: { ...meta, namespace: target.namespace }, status: undefined }, { dryRun: dryRun === 'server' });
      });
      out(printCreated(created, 'created', o.output, dryRun));
    });
  }
}

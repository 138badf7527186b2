// kubesim addon list | enable | disable NAME: cluster add-ons a kubeadm cluster does not come with
// (as minikube's addons): metrics-server, which `kubectl top` needs.
import type { Command } from 'commander';
import { CliError } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { qualifiedSingular, resourceForKind } from '../../api/resources.ts';
import { allOpts } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { out } from '../io.ts';

const NS = 'kube-system';
const LABELS = { 'k8s-app': 'metrics-server' };

/** metrics-server as its release manifest (components.yaml) deploys it, less the API aggregation plumbing. */
function metricsServer(): KObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'metrics-server', namespace: NS, labels: LABELS } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics-server', namespace: NS, labels: LABELS },
      spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }], selector: LABELS },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'metrics-server', namespace: NS, labels: LABELS },
      spec: {
        selector: { matchLabels: LABELS },
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels: LABELS },
          spec: {
            containers: [
              {
                name: 'metrics-server',
                image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
                args: ['--cert-dir=/tmp', '--secure-port=10250', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=15s'],
                ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }],
                readinessProbe: { tcpSocket: { port: 'https' }, initialDelaySeconds: 20, periodSeconds: 10, failureThreshold: 3 },
                resources: { requests: { cpu: '100m', memory: '200Mi' } },
              },
            ],
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'metrics-server',
          },
        },
      },
    },
  ] as KObject[];
}

const NGINX_LABELS = {
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/part-of': 'ingress-nginx',
  'app.kubernetes.io/version': '1.12.0',
};
const NGINX_SELECTOR = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };

/** ingress-nginx as minikube's addon runs it: the default IngressClass `nginx`, the controller on ports 80/443 of its node. */
function ingressNginx(): KObject[] {
  const ns = 'ingress-nginx';
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ingress-nginx', namespace: ns, labels: NGINX_LABELS } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', labels: NGINX_LABELS, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ingress-nginx-controller', namespace: ns, labels: NGINX_LABELS },
      spec: {
        type: 'NodePort',
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', appProtocol: 'http' },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' },
        ],
        selector: NGINX_SELECTOR,
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ingress-nginx-controller', namespace: ns, labels: NGINX_LABELS },
      spec: {
        selector: { matchLabels: NGINX_SELECTOR },
        template: {
          metadata: { labels: NGINX_LABELS },
          spec: {
            containers: [
              {
                name: 'controller',
                image: 'registry.k8s.io/ingress-nginx/controller:v1.12.0',
                args: ['/nginx-ingress-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx', '--watch-ingress-without-class=true'],
                ports: [
                  { containerPort: 80, hostPort: 80, name: 'http', protocol: 'TCP' },
                  { containerPort: 443, hostPort: 443, name: 'https', protocol: 'TCP' },
                ],
                readinessProbe: { tcpSocket: { port: 'http' }, initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 },
                resources: { requests: { cpu: '100m', memory: '90Mi' } },
              },
            ],
            serviceAccountName: 'ingress-nginx',
          },
        },
      },
    },
  ] as KObject[];
}

const ADDONS: Record<string, { description: string; objects: () => KObject[] }> = {
  'ingress-nginx': { description: 'An Ingress controller (class nginx, the default) on ports 80 and 443 of its node', objects: ingressNginx },
  'metrics-server': { description: 'Resource usage of nodes and pods for kubectl top (metrics.k8s.io)', objects: metricsServer },
};

function addonOf(name: string) {
  const a = ADDONS[name];
  if (!a) throw new CliError(`unknown addon "${name}"; kubesim has: ${Object.keys(ADDONS).join(', ')}`);
  return a;
}

const ref = (o: KObject) => `${qualifiedSingular(resourceForKind(o.kind))}/${o.metadata.name}`;
const exists = (api: ApiServer, o: KObject) => !!api.get(resourceForKind(o.kind), o.metadata.namespace, o.metadata.name);

export function registerAddon(program: Command): void {
  const addon = program.command('addon').summary('Enable and disable cluster add-ons (kubesim)').description('Enable and disable cluster add-ons, as minikube addons does: metrics-server for kubectl top.');
  addon
    .command('list')
    .description('List the add-ons and whether the cluster runs them')
    .action((_o, cmd: Command) => {
      const target = resolveTarget(allOpts(cmd));
      const rows = withCluster(target.cluster, (api) => Object.entries(ADDONS).map(([name, a]) => [name, a.objects().every((o) => exists(api, o)) ? 'enabled' : 'disabled', a.description]));
      const w = Math.max(4, ...rows.map((r) => r[0].length));
      out(`${'NAME'.padEnd(w)}   STATUS     DESCRIPTION\n${rows.map((r) => `${r[0].padEnd(w)}   ${r[1].padEnd(8)}   ${r[2]}`).join('\n')}\n`);
    });
  for (const enable of [true, false]) {
    addon
      .command(enable ? 'enable' : 'disable')
      .description(enable ? 'Deploy an add-on into the cluster' : 'Remove an add-on from the cluster')
      .argument('<name>')
      .action((name: string, _o, cmd: Command) => {
        const a = addonOf(name);
        const target = resolveTarget(allOpts(cmd));
        const objects = enable ? a.objects() : a.objects().reverse();
        const lines = withCluster(target.cluster, (api) =>
          objects.map((o) => {
            const here = exists(api, o);
            if (enable) {
              if (here) return `${ref(o)} unchanged`;
              api.create(o);
              return `${ref(o)} created`;
            }
            if (!here) return `${ref(o)} not found`;
            api.delete(resourceForKind(o.kind), o.metadata.namespace, o.metadata.name);
            return `${ref(o)} deleted`;
          }),
        );
        out(lines.map((l) => `${l}\n`).join(''));
      });
  }
}

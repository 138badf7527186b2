// kubectl version | cluster-info | api-resources
import type { Command } from 'commander';
import { CliError } from '../../api/errors.ts';
import { allOpts } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { K8S_VERSION } from '../../sim/bootstrap.ts';
import { RESOURCE_TYPES, apiVersionOf } from '../../api/resources.ts';
import { formatTable, TABLE_OPTS } from '../../printers/tabwriter.ts';
import { toJson, toYaml } from '../../printers/serialize.ts';
import { out } from '../io.ts';
import { compareStrings } from '../../util/compare.ts';

const CLIENT_VERSION = 'v1.32.4';
const KUSTOMIZE_VERSION = 'v5.5.0';

function versionInfo(v: string) {
  const [major, minor] = v.slice(1).split('.');
  return {
    buildDate: '2025-04-22T16:03:52Z',
    compiler: 'gc',
    gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
    gitTreeState: 'clean',
    gitVersion: v,
    goVersion: 'go1.23.8',
    major,
    minor,
    platform: 'linux/amd64',
  };
}

export function registerVersion(program: Command): void {
  program
    .command('version')
    .summary('Print the client and server version information')
    .description('Print the client and server version information for the current context.')
    .option('--client', 'If true, shows client version only (no server required).')
    .option('-o, --output <format>', "One of 'yaml' or 'json'.")
    .action((_o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      if (opts.output && !['yaml', 'json'].includes(opts.output)) throw new CliError(`--output must be 'yaml' or 'json'`);
      if (!opts.client) withCluster(resolveTarget(opts).cluster, () => undefined);
      if (opts.output) {
        const data: Record<string, unknown> = { clientVersion: versionInfo(CLIENT_VERSION), kustomizeVersion: KUSTOMIZE_VERSION };
        if (!opts.client) data.serverVersion = versionInfo(K8S_VERSION);
        out(opts.output === 'json' ? toJson(data, false).replace(/^ {4}/gm, (s) => s) : toYaml(data, false));
        return;
      }
      out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n${opts.client ? '' : `Server Version: ${K8S_VERSION}\n`}`);
    });
}

export function registerClusterInfo(program: Command): void {
  program
    .command('cluster-info')
    .summary('Display cluster information')
    .description('Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.')
    .action((_o, cmd: Command) => {
      const target = resolveTarget(allOpts(cmd));
      const lines = withCluster(target.cluster, (api) => {
        const server = 'https://172.30.1.2:6443';
        const result = [`Kubernetes control plane is running at ${server}`];
        for (const svc of api.list('services', 'kube-system')) {
          if (svc.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
          const name = svc.metadata.labels['kubernetes.io/name'] ?? svc.metadata.name;
          const port = svc.spec.ports?.[0];
          const portPart = port?.name ? `:${port.name}` : '';
          result.push(`${name} is running at ${server}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${portPart}/proxy`);
        }
        return result;
      });
      out(`${lines.join('\n')}\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    });
}

export function registerApiResources(program: Command): void {
  program
    .command('api-resources')
    .summary('Print the supported API resources on the server')
    .description('Print the supported API resources on the server.')
    .option('--namespaced <bool>', 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.')
    .option('--api-group <group>', 'Limit to resources in the specified API group.')
    .option('--no-headers', "When using the default or custom-column output format, don't print headers")
    .option('-o, --output <format>', 'Output format. One of: (wide, name).')
    .option('--sort-by <field>', "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.")
    .action((_o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      if (opts.output && !['wide', 'name'].includes(opts.output)) throw new CliError(`--output ${opts.output} is not available`);
      let types = [...RESOURCE_TYPES];
      if (opts.namespaced !== undefined) types = types.filter((t) => t.namespaced === (opts.namespaced !== 'false'));
      if (opts.apiGroup !== undefined) types = types.filter((t) => t.group === opts.apiGroup);
      const groupOrder = (g: string) => (g === '' ? 0 : 1);
      types.sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || compareStrings(a.group, b.group) || compareStrings(a.plural, b.plural));
      if (opts.sortBy === 'name') types.sort((a, b) => compareStrings(a.plural, b.plural));
      else if (opts.sortBy === 'kind') types.sort((a, b) => compareStrings(a.kind, b.kind));
      if (opts.output === 'name') {
        out(types.map((t) => `${t.plural}${t.group ? `.${t.group}` : ''}\n`).join(''));
        return;
      }
      const wide = opts.output === 'wide';
      const rows = opts.headers === false ? [] : [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]];
      for (const t of types) {
        rows.push([
          t.plural,
          t.shortNames.join(','),
          apiVersionOf(t),
          String(t.namespaced),
          t.kind,
          ...(wide ? [t.kind === 'Event' ? '[create delete deletecollection get list patch update watch]' : '[create delete deletecollection get list patch update watch]', t.categories.join(',')] : []),
        ]);
      }
      out(formatTable(rows, TABLE_OPTS));
    });
}

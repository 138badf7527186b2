// kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] [--class] [--default-backend]
// [--annotation]: rules built as kubectl builds them (Exact paths unless they end in `*`, same-host
// rules merged, TLS entries grouped by secret).
import type { Command } from 'commander';
import { CliError, UsageError } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { addDryRunOptions } from './mutation-output.ts';
import { submitTyped } from './create.ts';

const RULE = /^(?<host>[\w*\-.]*)(?<path>\/.*)=(?<svc>[\w-]+):(?<port>[\w-]+)(,(?<tls>tls)=?(?<secret>[\w-]+)?)?/;
const BACKEND = /^(?<svc>[\w-]+):(?<port>[\w-]+)$/;
const repeated = (v: string, prev: string[] = []) => [...prev, v];

const servicePort = (port: string) => (/^\d+$/.test(port) ? { number: Number(port) } : { name: port });
const serviceBackend = (svc: string, port: string) => ({ service: { name: svc, port: servicePort(port) } });

interface Tls {
  hosts: string[];
  secretName?: string;
}

export function ingressFor(name: string, o: { rule?: string[]; class?: string; defaultBackend?: string; annotation?: string[] }): KObject {
  const rules: { host?: string; http: { paths: object[] } }[] = [];
  const tls: Tls[] = [];
  for (const raw of o.rule ?? []) {
    const m = RULE.exec(raw);
    if (!m) throw new CliError(`rule ${raw} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    const { host, path, svc, port } = m.groups!;
    // A path ending in `*` is a prefix; anything else must match exactly.
    const prefix = path.endsWith('*');
    const entry = { path: prefix ? path.slice(0, -1) : path, pathType: prefix ? 'Prefix' : 'Exact', backend: serviceBackend(svc, port) };
    const existing = rules.find((r) => (r.host ?? '') === host);
    if (existing) existing.http.paths.push(entry);
    else rules.push({ ...(host ? { host } : {}), http: { paths: [entry] } });
    const parts = raw.split(',');
    const tlsPart = parts.length === 2 ? /^tls(?:=([\w-]+))?$/.exec(parts[1]) : null;
    if (tlsPart) {
      const secret = tlsPart[1];
      const group = tls.find((t) => t.secretName === secret);
      if (group) {
        if (host && !group.hosts.includes(host)) group.hosts.push(host);
      } else tls.push({ hosts: host ? [host] : [], ...(secret ? { secretName: secret } : {}) });
    }
  }
  let defaultBackend: object | undefined;
  if (o.defaultBackend !== undefined) {
    const m = BACKEND.exec(o.defaultBackend);
    if (!m) throw new CliError('default-backend should be in format servicename:serviceport');
    defaultBackend = serviceBackend(m.groups!.svc, m.groups!.port);
  }
  if (!rules.length && !defaultBackend) {
    throw new CliError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  }
  const annotations: Record<string, string> = {};
  for (const a of o.annotation ?? []) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new CliError(`annotation ${a} is invalid and should be in format key=[value]`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: { name, creationTimestamp: null as any, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      ...(o.class ? { ingressClassName: o.class } : {}),
      ...(defaultBackend ? { defaultBackend } : {}),
      ...(tls.length ? { tls } : {}),
      ...(rules.length ? { rules } : {}),
    },
    status: { loadBalancer: {} },
  } as KObject;
}

export function registerCreateIngress(create: Command): void {
  const cmd = create
    .command('ingress')
    .alias('ing')
    .summary('Create an ingress with the specified name')
    .description('Create an ingress with the specified name.')
    .usage('NAME --rule=host/path=service:port[,tls[=secret]]  [options]')
    .argument('[name...]')
    .option('--annotation <annotation>', 'Annotation to insert in the ingress object, in the format annotation=value', repeated)
    .option('--class <class>', 'Ingress Class to be used')
    .option('--default-backend <backend>', 'Default service for backend, in format of svcname:port')
    .option('--rule <rule>', 'Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character \'*\' are considered pathType=Prefix. tls argument is optional.', repeated);
  addDryRunOptions(cmd).action((names: string[], _o, c: Command) => {
    const o = allOpts<any>(c);
    if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, `${PROGRAM} create ingress`);
    submitTyped(o, 'ingress', ingressFor(names[0], o));
  });
}

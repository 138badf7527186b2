// curl, wget and nslookup as clients inside the cluster (a pod, or a node for `kubesim curl`):
// parse the command line, resolve, route through kube-proxy, ask the app, print like the tool.
import type { ApiServer } from '../api/server.ts';
import type { Pod } from '../api/types.ts';
import { podByIP, resolveHost, route } from './network.ts';
import { dnsReachable, policyAllows, type Endpoint } from './network-policy.ts';
import { podHttp } from './traffic.ts';
import { curlError, curlOutput, wgetError, wgetOutput, type CommandOutput, type CurlOptions } from './apps.ts';

export interface ClientContext {
  /** DNS search namespace (the pod's), for short service names. */
  namespace: string;
  clientIP: string;
  /** Whether stdout is a terminal (kubectl exec -t). */
  tty: boolean;
  /** The pod the client runs in (network policies look at its labels and namespace). */
  pod?: Pod;
}

interface Target {
  host: string;
  port: number;
  path: string;
  hostHeader: string;
  tls: boolean;
}

/** Ports where the simulated servers speak TLS (the API server, the kubelet, ingress controllers' 443). */
const TLS_PORTS = new Set([443, 6443, 8443, 10250]);

function parseUrl(raw: string): Target | undefined {
  const withScheme = /^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`;
  const m = /^([a-z]+):\/\/([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(withScheme);
  if (!m) return undefined;
  const [, scheme, host, port, rest] = m;
  const p = port ? Number(port) : scheme.toLowerCase() === 'https' ? 443 : 80;
  return { host, port: p, path: rest || '/', hostHeader: port ? `${host}:${port}` : host, tls: scheme.toLowerCase() === 'https' };
}

type Delivery = { kind: 'response'; res: import('./apps.ts').AppResponse; ip: string } | { kind: 'refused' | 'timeout' | 'resolve'; ip?: string };

/** The client as the network sees it: a pod, or a node (kubesim curl). */
const sourceOf = (api: ApiServer, ctx: ClientContext): Endpoint => ({ ip: ctx.clientIP, pod: ctx.pod ?? podByIP(api, ctx.clientIP) });

function deliver(api: ApiServer, ctx: ClientContext, t: Target, method: string, headers?: Record<string, string>): Delivery {
  const src = sourceOf(api, ctx);
  // A name needs the cluster DNS, which an egress policy may have cut off.
  if (!/^\d+(\.\d+){3}$/.test(t.host) && t.host !== 'localhost' && !dnsReachable(api, src)) return { kind: 'resolve' };
  const ip = resolveHost(api, t.host, ctx.namespace);
  if (!ip) return { kind: 'resolve' };
  // Loopback is the client's own network namespace: its pod, or the node it runs on.
  const r = route(api, ip.startsWith('127.') && ctx.clientIP ? ctx.clientIP : ip, t.port);
  if (r.kind === 'unresolved') return { kind: 'resolve' };
  if (r.kind === 'refused' || r.kind === 'timeout') return { kind: r.kind, ip };
  // Network policies drop what they do not allow: the client waits for nothing.
  if (!policyAllows(api, src, { ip: r.pod.status?.podIP ?? ip, pod: r.pod }, r.port)) return { kind: 'timeout', ip };
  const res = podHttp(api, r.pod, r.port, { method, path: t.path, host: t.hostHeader, headers, clientIP: ctx.clientIP });
  if ('refused' in res) return { kind: 'refused', ip };
  return { kind: 'response', res, ip };
}

/** How long a connect to a silent address lasts without -m: the kernel's SYN retries (tcp_syn_retries=6). */
const CONNECT_TIMEOUT_MS = 134_362;

export function curl(api: ApiServer, ctx: ClientContext, args: string[]): CommandOutput {
  const opts: CurlOptions = { tty: ctx.tty };
  let url: string | undefined;
  let method: string | undefined;
  let timeoutMs: number | undefined;
  let limit: 'max-time' | 'connect' | 'none' = 'none';
  const headers: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => args[++i] ?? '';
    if (a === '-v' || a === '--verbose') opts.verbose = true;
    else if (a === '-i' || a === '--include') opts.include = true;
    else if (a === '-s' || a === '--silent') opts.silent = true;
    else if (a === '-S' || a === '--show-error') opts.showError = true;
    else if (a === '-I' || a === '--head') opts.headOnly = true;
    else if (a === '-f' || a === '--fail') opts.fail = true;
    else if (a === '-L' || a === '--location' || a === '-k' || a === '--insecure') continue;
    else if (a === '-o' || a === '--output') opts.output = next();
    else if (a === '-w' || a === '--write-out') opts.writeOut = next();
    else if (a === '-X' || a === '--request') method = next();
    else if (a === '-H' || a === '--header') {
      const h = next();
      const i2 = h.indexOf(':');
      if (i2 > 0) headers[h.slice(0, i2).trim()] = h.slice(i2 + 1).trim();
    } else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') {
      timeoutMs = Number(next()) * 1000;
      limit = a === '--connect-timeout' ? 'connect' : 'max-time';
    }
    else if (/^-[a-zA-Z]{2,}$/.test(a)) {
      for (const ch of a.slice(1)) {
        if (ch === 's') opts.silent = true;
        else if (ch === 'S') opts.showError = true;
        else if (ch === 'v') opts.verbose = true;
        else if (ch === 'i') opts.include = true;
        else if (ch === 'I') opts.headOnly = true;
        else if (ch === 'f') opts.fail = true;
      }
    } else if (a.startsWith('-')) return { stdout: '', stderr: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
    else url = a;
  }
  if (!url) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
  const t = parseUrl(url);
  if (!t) return { stdout: '', stderr: `curl: (3) URL rejected: Malformed input to a URL function\n`, exitCode: 3 };
  const m = method ?? (opts.headOnly ? 'HEAD' : 'GET');
  const d = deliver(api, ctx, t, m, Object.keys(headers).length ? headers : undefined);
  if (d.kind === 'response' && t.tls && !TLS_PORTS.has(t.port)) {
    // A plain HTTP server answers the TLS hello with HTTP: the handshake fails.
    const quiet = opts.silent && !opts.showError;
    return { stdout: '', stderr: quiet ? '' : 'curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number\n', exitCode: 35 };
  }
  if (d.kind === 'response') {
    opts.request = { method: m, host: t.hostHeader, ip: d.ip, port: t.port, path: t.path, ...(Object.keys(headers).length ? { headers } : {}) };
    return curlOutput(d.res, opts);
  }
  // The timer fires a millisecond after the limit, as curl reports it.
  const elapsed = d.kind === 'timeout' ? (timeoutMs !== undefined ? timeoutMs + 1 : CONNECT_TIMEOUT_MS) : 0;
  return curlError(d.kind, t.host, t.port, elapsed, opts, limit);
}

export function wget(api: ApiServer, ctx: ClientContext, args: string[]): CommandOutput {
  let quiet = false;
  let output: string | undefined;
  let serverResponse = false;
  let spider = false;
  let timeoutFlag = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-q') quiet = true;
    else if (a === '-O') output = args[++i];
    else if (a.startsWith('-O') && a.length > 2) output = a.slice(2);
    else if (a === '-qO-' || a === '-qO') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++i];
    } else if (a === '-S') serverResponse = true;
    else if (a === '--spider') spider = true;
    else if (a === '-T') {
      timeoutFlag = true;
      i++;
    } else if (a.startsWith('--timeout')) timeoutFlag = true;
    else if (a.startsWith('-')) {
      if (/^-[qS]+O-?$/.test(a)) {
        quiet ||= a.includes('q');
        serverResponse ||= a.includes('S');
        output = a.endsWith('-') ? '-' : args[++i];
      } else return { stdout: '', stderr: `wget: unrecognized option '${a}'\n`, exitCode: 1 };
    } else url = a;
  }
  if (!url) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n', exitCode: 1 };
  const t = parseUrl(url);
  if (!t) return { stdout: '', stderr: `wget: bad address '${url}'\n`, exitCode: 1 };
  const d = deliver(api, ctx, t, spider ? 'HEAD' : 'GET', { 'User-Agent': 'Wget', Connection: 'close' });
  const base = { host: t.hostHeader, ip: d.ip ?? '', port: t.port, quiet };
  if (d.kind === 'response') return wgetOutput(d.res, { ...base, path: t.path, output, serverResponse, spider });
  return wgetError(d.kind, { ...base, timeoutFlag });
}

/** busybox nslookup: the cluster DNS answers for service and pod names. */
export function nslookup(api: ApiServer, ctx: ClientContext, args: string[]): CommandOutput {
  const name = args.find((a) => !a.startsWith('-'));
  if (!name) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n', exitCode: 1 };
  if (!dnsReachable(api, sourceOf(api, ctx))) return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
  const header = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';
  const candidates = name.includes('.') && name.split('.').length >= 3 ? [name] : [`${name}.${ctx.namespace}.svc.cluster.local`, ...(name.split('.').length === 2 ? [`${name}.svc.cluster.local`] : [])];
  for (const fqdn of candidates) {
    const ip = resolveHost(api, fqdn, ctx.namespace);
    if (ip) return { stdout: `${header}Name:\t${fqdn}\nAddress: ${ip}\n\n`, stderr: '', exitCode: 0 };
  }
  const lines = [`${name}.${ctx.namespace}.svc.cluster.local`, `${name}.svc.cluster.local`, `${name}.cluster.local`, name].map((n) => `** server can't find ${n}: NXDOMAIN\n`);
  return { stdout: `${header}${lines.join('\n')}\n`, stderr: '', exitCode: 1 };
}

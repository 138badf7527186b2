// kubesim curl URL (a request from a node, kubesim's own verb) and kubectl port-forward.
import type { Command } from 'commander';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { CliError, RawError } from '../../api/errors.ts';
import type { Node, Pod } from '../../api/types.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { curl } from '../../sim/client-tools.ts';
import { podHttp } from '../../sim/traffic.ts';
import { findPod } from './pod-target.ts';
import { out, err } from '../io.ts';

/** klog's line header: severity, date and time (this machine's clock, as kubectl's), thread id, file:line. */
function klogHeader(severity: string, where: string): string {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  const micros = String(d.getMilliseconds() * 1000).padStart(6, '0');
  return `${severity}${two(d.getMonth() + 1)}${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${micros} ${String(process.pid).padStart(7)} ${where}]`;
}

export function registerCurl(program: Command): void {
  program
    .command('curl')
    .summary('Send an HTTP request from a node, like curl (kubesim)')
    .description('Send an HTTP request from a cluster node, like curl: to a ClusterIP:port, a NodePort on a node IP, a LoadBalancer IP, a pod IP, or a service name (nginx, nginx.default, nginx.default.svc.cluster.local).')
    .usage('[-s] [-i] [-I] [-v] [-o FILE] [-w FORMAT] [-X METHOD] [-H HEADER] URL [--from NODE]')
    .argument('[args...]')
    .option('--from <node>', 'The node the request is sent from', 'controlplane')
    .allowUnknownOption(true)
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const raw = process.argv.slice(process.argv.indexOf('curl') + 1).filter((a, i, all) => a !== '--from' && all[i - 1] !== '--from' && !a.startsWith('--from=') && a !== '--context' && all[i - 1] !== '--context' && a !== '-n' && all[i - 1] !== '-n');
      void args;
      const target = resolveTarget(o);
      const r = withCluster(target.cluster, (api) => {
        const node = api.get<Node>('nodes', undefined, o.from);
        if (!node) throw new CliError(`node "${o.from}" not found`);
        return curl(api, { namespace: target.namespace, clientIP: node.status.addresses[0].address, tty: !!process.stdout.isTTY }, raw);
      });
      out(r.stdout);
      if (r.stderr) err(r.stderr);
      process.exitCode = r.exitCode;
    });
}

function parsePorts(specs: string[]): { local: number; remote: number }[] {
  return specs.map((s) => {
    const [a, b] = s.split(':');
    const local = a === '' ? 0 : Number(a);
    const remote = b === undefined ? local : Number(b);
    if (!Number.isInteger(local) || !Number.isInteger(remote) || remote <= 0) throw new CliError(`Error parsing local port '${a}': strconv.ParseUint: parsing "${a}": invalid syntax`);
    return { local, remote };
  });
}

export function registerPortForward(program: Command): void {
  program
    .command('port-forward')
    .summary('Forward one or more local ports to a pod')
    .description('Forward one or more local ports to a pod.\n\nUse resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to \'pod\' if omitted.')
    .usage('TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]')
    .argument('[args...]')
    .option('--address <addresses>', 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value.', 'localhost')
    .action(async (args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (args.length < 2) throw new RawError(`error: TYPE/NAME and list of ports are required for port-forward\nSee '${PROGRAM} port-forward -h' for help and examples`);
      const [ref, ...portSpecs] = args;
      const ports = parsePorts(portSpecs);
      const target = resolveTarget(o);
      const serviceRef = /^(svc|service|services)\//.test(ref);
      const { podName } = withCluster(target.cluster, (api) => {
        const pod = findPod(api, ref, target.namespace);
        if (pod.status?.phase !== 'Running') throw new CliError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
        // For a service, the remote port is the service port: forward to its target port.
        if (serviceRef) {
          const svc = api.get('services', target.namespace, ref.split('/')[1])!;
          for (const p of ports) {
            const sp = (svc.spec.ports ?? []).find((x: any) => x.port === p.remote);
            if (sp && typeof sp.targetPort === 'number') p.remote = sp.targetPort;
          }
        }
        return { podName: pod.metadata.name };
      });
      const addresses = String(o.address)
        .split(',')
        .flatMap((a: string) => (a === 'localhost' ? ['127.0.0.1', '::1'] : [a]));
      const servers = [];
      for (const p of ports) {
        for (const address of addresses) {
          const server = createServer((req, res) => forward(req, res, p));
          const ok = await new Promise<boolean>((resolve) => {
            server.once('error', () => resolve(false));
            server.listen(p.local, address, () => resolve(true));
          });
          if (!ok) {
            if (address === '::1') continue;
            throw new CliError(`unable to listen on any of the requested ports: [{${p.local} ${p.remote}}]`);
          }
          const actual = (server.address() as any).port;
          p.local = actual;
          out(`Forwarding from ${address.includes(':') ? `[${address}]` : address}:${actual} -> ${p.remote}\n`);
          servers.push(server);
        }
      }
      function forward(req: IncomingMessage, res: ServerResponse, p: { local: number; remote: number }): void {
        out(`Handling connection for ${p.local}\n`);
        const chunks: Buffer[] = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
          try {
            const reply = withCluster(target.cluster, (api) => {
              const pod = api.get<Pod>('pods', target.namespace, podName);
              if (!pod) return { lost: true as const };
              const headers: Record<string, string> = {};
              for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k.replace(/(^|-)\w/g, (m) => m.toUpperCase())] = v;
              return podHttp(api, pod, p.remote, { method: req.method ?? 'GET', path: req.url ?? '/', host: req.headers.host ?? `127.0.0.1:${p.local}`, headers, clientIP: '127.0.0.1' });
            });
            if ('lost' in reply) {
              err(`${klogHeader('E', 'portforward.go:424')} "Unhandled Error" err="an error occurred forwarding ${p.local} -> ${p.remote}: error forwarding port ${p.remote} to pod, uid : network namespace for sandbox is closed"`);
              res.destroy();
              return;
            }
            if ('refused' in reply) {
              err(`${klogHeader('E', 'portforward.go:424')} "Unhandled Error" err="an error occurred forwarding ${p.local} -> ${p.remote}: error forwarding port ${p.remote} to pod: failed to execute portforward in network namespace: failed to connect to localhost:${p.remote} inside namespace: connect: connection refused"`);
              res.destroy();
              return;
            }
            // The tunnel carries the app's own bytes: its status line, headers (its Date, its
            // Content-Length) and body, nothing of this process's HTTP server.
            const status = reply.status || 200;
            const body = Buffer.from(reply.body ?? '');
            const headers = Object.entries(reply.headers);
            const chunked = headers.some(([k, v]) => k.toLowerCase() === 'transfer-encoding' && /chunked/i.test(v));
            if (!chunked && !headers.some(([k]) => k.toLowerCase() === 'content-length')) headers.push(['Content-Length', String(body.length)]);
            const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`, ...headers.map(([k, v]) => `${k}: ${v}`)].join('\r\n');
            const payload = req.method === 'HEAD' ? Buffer.alloc(0) : chunked ? Buffer.concat([Buffer.from(body.length ? `${body.length.toString(16)}\r\n` : ''), body, Buffer.from(body.length ? '\r\n0\r\n\r\n' : '0\r\n\r\n')]) : body;
            res.socket?.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), payload]));
          } catch (e: any) {
            err(`error: ${e.message}`);
            res.destroy();
          }
        });
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      for (const s of servers) s.close();
    });
}

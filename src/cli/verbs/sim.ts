// kubesim sim status|pause|resume|advance|speed: the simulated clock.
import type { Command } from 'commander';
import { CliError } from '../../api/errors.ts';
import { allOpts } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import type { ApiServer } from '../../api/server.ts';
import { parseDuration, formatGoDuration } from '../../util/duration.ts';
import { rfc3339 } from '../../util/time.ts';
import { out } from '../io.ts';
import { parseResourceArgs } from '../resource-args.ts';
import { notFound } from '../../api/errors.ts';
import type { Pod } from '../../api/types.ts';
import { crashContainer, failProbes, healProbes, PROBE_KINDS } from '../../sim/faults.ts';
import type { ProbeKind } from '../../controllers/probes.ts';
import { setNodePower } from '../../sim/node-power.ts';
import { intFlag } from '../program.ts';

const MAX_ADVANCE_MS = 366 * 24 * 3600 * 1000;

export function registerSim(program: Command): void {
  const sim = program
    .command('sim')
    .summary('Control the simulated clock (kubesim)')
    .description('Control the simulated clock: the cluster runs on simulated time that follows the wall clock unless paused.');

  sim
    .command('status')
    .description('Show the simulated time, the clock state and the pending work')
    .action((_o, cmd: Command) => {
      const target = resolveTarget(allOpts(cmd));
      const text = withCluster(target.cluster, (api) => {
        const c = api.state.clock;
        const next = api.timers.peek();
        return [
          `Cluster:  ${target.cluster}`,
          `Time:     ${rfc3339(api.now())}`,
          `Clock:    ${c.paused ? 'paused' : 'running'}, speed ${c.speed}x`,
          `Pending:  ${api.timers.size} scheduled event(s)${next ? `, next in ${formatGoDuration(Math.max(0, next.at - api.now()))}` : ''}`,
          '',
        ].join('\n');
      });
      out(text);
    });

  sim
    .command('pause')
    .description('Stop simulated time; commands then report the current state without waiting')
    .action((_o, cmd: Command) => {
      const target = resolveTarget(allOpts(cmd));
      const now = withCluster(target.cluster, (api) => {
        api.state.clock.paused = true;
        api.dirty = true;
        return api.now();
      });
      out(`Simulated clock paused at ${rfc3339(now)}\n`);
    });

  sim
    .command('resume')
    .description('Let simulated time follow the wall clock again')
    .action((_o, cmd: Command) => {
      const target = resolveTarget(allOpts(cmd));
      const [now, speed] = withCluster(target.cluster, (api) => {
        api.state.clock.paused = false;
        api.dirty = true;
        return [api.now(), api.state.clock.speed];
      });
      out(`Simulated clock resumed at ${rfc3339(now)} (speed ${speed}x)\n`);
    });

  sim
    .command('advance')
    .description('Move simulated time forward (e.g. 30s, 5m, 2h), running everything that happens meanwhile')
    .argument('<duration>')
    .action((duration: string, _o, cmd: Command) => {
      let ms: number;
      try {
        ms = parseDuration(duration);
      } catch (e: any) {
        throw new CliError(`invalid duration "${duration}": use a number with a unit, e.g. 30s, 5m, 2h or 1h30m`);
      }
      if (ms < 0) throw new CliError(`invalid duration "${duration}": must not be negative`);
      if (ms > MAX_ADVANCE_MS) throw new CliError(`invalid duration "${duration}": at most 8784h (a year) at a time`);
      const target = resolveTarget(allOpts(cmd));
      const { now, steps } = withCluster(
        target.cluster,
        (api) => ({ now: api.now(), steps: api.steps }),
        { extraMs: ms },
      );
      out(`Advanced ${formatGoDuration(ms)} to ${rfc3339(now)} (${steps} simulation steps)\n`);
    });

  sim
    .command('speed')
    .description('Set how many simulated seconds pass per wall-clock second')
    .argument('<factor>')
    .action((factor: string, _o, cmd: Command) => {
      const f = Number(factor);
      if (!Number.isFinite(f) || f <= 0 || f > 10000) throw new CliError(`invalid speed "${factor}": must be a number between 0 and 10000`);
      const target = resolveTarget(allOpts(cmd));
      withCluster(target.cluster, (api) => {
        api.state.clock.speed = f;
        api.dirty = true;
      });
      out(`Simulated clock speed set to ${f}x\n`);
    });

  sim
    .command('fail')
    .description('Inject a fault: a pod\'s container crashes (or is OOM-killed, or starts failing its probes); a node dies')
    .usage('(pod/NAME [-c CONTAINER] [--exit-code N | --oom | --probe KINDS] | node/NAME) [options]')
    .argument('<target>')
    .option('-c, --container <name>', 'The container of the pod (default: the first)')
    .option('--exit-code <n>', 'The exit code the container\'s process ends with', intFlag('--exit-code', 'sim fail'), 1)
    .option('--oom', 'The kernel\'s OOM killer ends the process (OOMKilled, exit code 137)')
    .option('--probe <kinds>', 'The app fails these probes\' checks from now on (liveness, readiness, startup; comma-separated) until healed or restarted')
    .action((arg: string, _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const kinds = o.probe === undefined ? undefined : (String(o.probe).split(',').filter(Boolean) as ProbeKind[]);
      for (const k of kinds ?? []) if (!PROBE_KINDS.includes(k)) throw new CliError(`invalid probe "${k}": must be one of liveness, readiness, startup`);
      out(`${faultAction(o, arg, (api, pod) => {
        if (kinds) return `pod/${pod.metadata.name} container ${failProbes(api, pod, o.container, kinds)} now fails its ${kinds.join(' and ')} probe${kinds.length > 1 ? 's' : ''}`;
        const name = crashContainer(api, pod, o.container, { exitCode: o.exitCode, oom: o.oom });
        return `pod/${pod.metadata.name} container ${name} ${o.oom ? 'OOM-killed' : `exited with code ${o.exitCode}`}`;
      }, true)}\n`);
    });

  sim
    .command('heal')
    .description('Undo an injected fault: a pod\'s container passes its probes again; a dead node comes back')
    .usage('(pod/NAME [-c CONTAINER] | node/NAME) [options]')
    .argument('<target>')
    .option('-c, --container <name>', 'The container of the pod (default: the first)')
    .action((arg: string, _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      out(`${faultAction(o, arg, (api, pod) => `pod/${pod.metadata.name} container ${healProbes(api, pod, o.container)} healed`, false)}\n`);
    });
}

/** Resolves `pod/NAME` or `node/NAME` and runs the fault on it inside one cluster session. */
function faultAction(o: any, arg: string, onPod: (api: ApiServer, pod: Pod) => string, fail: boolean): string {
  const [req] = parseResourceArgs([arg.includes('/') ? arg : `pod/${arg}`]);
  const name = req.names[0];
  if (!name || !['pods', 'nodes'].includes(req.type.plural)) throw new CliError(`cannot inject faults into ${req.type.plural}: use pod/NAME or node/NAME`);
  const target = resolveTarget(o);
  return withCluster(target.cluster, (api) => {
    if (req.type.plural === 'nodes') return setNodePower(api, name, fail);
    const pod = api.get<Pod>('pods', target.namespace, name);
    if (!pod) throw notFound(req.type, name);
    return onPod(api, pod);
  });
}

// kubesim sim status|pause|resume|advance|speed: the simulated clock.
import type { Command } from 'commander';
import { CliError } from '../../api/errors.ts';
import { allOpts } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { parseDuration, formatGoDuration } from '../../util/duration.ts';
import { rfc3339 } from '../../util/time.ts';
import { out } from '../io.ts';

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
}

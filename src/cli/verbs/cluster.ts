// kubesim cluster create|list|delete|reset: simulated clusters, each with a context of its name.
import type { Command } from 'commander';
import { CliError } from '../../api/errors.ts';
import { allOpts, intFlag } from '../program.ts';
import { openClusterStore, listClusterNames } from '../../store/store.ts';
import { readConfig, updateConfig, contextNameForCluster, DEFAULT_CLUSTER } from '../../store/config.ts';
import { createClusterState, nodeNames } from '../../sim/bootstrap.ts';
import { DEFAULT_CLUSTER_SHAPE, resolveTarget } from '../../sim/session.ts';
import { wallNow, simTimeAt } from '../../sim/clock.ts';
import { validateName } from '../../api/validation.ts';
import { parseQuantity } from '../../util/quantity.ts';
import { formatTable, TABLE_OPTS } from '../../printers/tabwriter.ts';
import { humanDuration } from '../../util/duration.ts';
import { out, err } from '../io.ts';
import type { ClusterShape } from '../../store/schema.ts';

function checkShape(shape: ClusterShape): void {
  if (shape.workers < 0 || shape.workers > 500) throw new CliError(`--nodes must be between 0 and 500, got ${shape.workers}`);
  for (const [flag, v] of [
    ['--node-cpu', shape.nodeCpu],
    ['--node-memory', shape.nodeMemory],
  ]) {
    let q: number;
    try {
      q = parseQuantity(v);
    } catch (e: any) {
      throw new CliError(`invalid ${flag} "${v}": ${e.message}`);
    }
    if (!(q > 0)) throw new CliError(`invalid ${flag} "${v}": must be greater than zero`);
  }
}

export function buildCluster(name: string, shape: ClusterShape, seed?: number): void {
  const store = openClusterStore(name);
  store.locked(() => {
    store.write(createClusterState({ name, ...shape, seed, wall: wallNow() }));
  });
}

export function registerCluster(program: Command): void {
  const cluster = program
    .command('cluster')
    .summary('Create, list, reset and delete simulated clusters (kubesim)')
    .description('Create, list, reset and delete simulated clusters. Each cluster gets a context of the same name.');

  cluster
    .command('create')
    .description('Create a simulated cluster and switch the current context to it')
    .argument('<name>')
    .option('--nodes <n>', 'Number of worker nodes (besides controlplane)', intFlag('--nodes', 'cluster create'), DEFAULT_CLUSTER_SHAPE.workers)
    .option('--node-cpu <cpu>', 'CPU capacity of each node', DEFAULT_CLUSTER_SHAPE.nodeCpu)
    .option('--node-memory <memory>', 'Memory capacity of each node', DEFAULT_CLUSTER_SHAPE.nodeMemory)
    .option('--seed <n>', 'Seed for the simulation\'s randomness (names, timings)', intFlag('--seed', 'cluster create'))
    .action((name: string, _o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      const problems = validateName(name, 'label');
      if (problems.length) throw new CliError(`invalid cluster name "${name}": ${problems.join(', ')}`);
      if (openClusterStore(name).exists()) throw new CliError(`cluster "${name}" already exists`);
      const shape = { workers: opts.nodes, nodeCpu: opts.nodeCpu, nodeMemory: opts.nodeMemory };
      checkShape(shape);
      buildCluster(name, shape, opts.seed);
      const context = contextNameForCluster(name);
      updateConfig((c) => {
        c.contexts[context] = { cluster: name, user: name === DEFAULT_CLUSTER ? 'kubernetes-admin' : name };
        c.currentContext = context;
      });
      out(`Cluster "${name}" created with nodes ${nodeNames(shape.workers).join(', ')}.\nSwitched to context "${context}".\n`);
    });

  cluster
    .command('list')
    .description('List simulated clusters')
    .action((_o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      const config = readConfig();
      const current = config.contexts[config.currentContext]?.cluster;
      const rows = [['CURRENT', 'NAME', 'NODES', 'PODS', 'CLOCK', 'AGE']];
      for (const name of listClusterNames()) {
        const store = openClusterStore(name);
        try {
          const s = store.read();
          const now = simTimeAt(s.clock, wallNow());
          const created = Math.min(...Object.values(s.objects.namespaces ?? {}).map((n) => Date.parse(n.metadata.creationTimestamp!)));
          rows.push([
            name === current ? '*' : '',
            name,
            String(Object.keys(s.objects.nodes ?? {}).length),
            String(Object.keys(s.objects.pods ?? {}).length),
            s.clock.paused ? 'paused' : `running ${s.clock.speed}x`,
            humanDuration(now - created),
          ]);
        } catch {
          rows.push([name === current ? '*' : '', name, '?', '?', 'unreadable', '?']);
        }
      }
      if (rows.length === 1) {
        err('No clusters found\n');
        return;
      }
      void opts;
      out(formatTable(rows, TABLE_OPTS));
    });

  cluster
    .command('delete')
    .description('Delete a simulated cluster and its context')
    .argument('<name>')
    .action((name: string) => {
      const store = openClusterStore(name);
      if (!store.exists()) throw new CliError(`cluster "${name}" not found`);
      store.locked(() => store.remove());
      updateConfig((c) => {
        for (const [ctx, entry] of Object.entries(c.contexts)) {
          if (entry.cluster === name && name !== DEFAULT_CLUSTER) delete c.contexts[ctx];
        }
        if (!c.contexts[c.currentContext]) c.currentContext = contextNameForCluster(DEFAULT_CLUSTER);
      });
      out(`cluster "${name}" deleted\n`);
    });

  cluster
    .command('reset')
    .description('Recreate a simulated cluster (default: the current one) from scratch, with the same nodes')
    .argument('[name]')
    .action((name: string | undefined, _o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      const clusterName = name ?? resolveTarget(opts).cluster;
      const store = openClusterStore(clusterName);
      let shape: ClusterShape = DEFAULT_CLUSTER_SHAPE;
      if (store.exists()) {
        try {
          shape = store.read().shape ?? shape;
        } catch {
          // An unreadable cluster is exactly what reset is for: rebuild it with the default shape.
        }
      } else if (clusterName !== DEFAULT_CLUSTER) {
        throw new CliError(`cluster "${clusterName}" not found`);
      }
      buildCluster(clusterName, shape);
      out(`cluster "${clusterName}" reset\n`);
    });
}

// kubectl scale deployment|replicaset NAME --replicas=N [--current-replicas=M]
import { Option, type Command } from 'commander';
import { CliError, RawError, ApiError, renderError } from '../../api/errors.ts';
import { attributesFor, checkAccess } from '../access.ts';
import { parseLabelSelector } from '../../api/selectors.ts';
import { allOpts, intFlag } from '../program.ts';
import { parseResourceArgs, selectObjects } from '../resource-args.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { out, err } from '../io.ts';
import { dryRunMode, printCreated } from './mutation-output.ts';

const SCALABLE = ['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'];

export function registerScale(program: Command): void {
  program
    .command('scale')
    .summary('Set a new size for a deployment, replica set, or replication controller')
    .description('Set a new size for a deployment, replica set, replication controller, or stateful set.')
    .usage('[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]')
    .argument('[args...]')
    .option('--replicas <count>', 'The new desired number of replicas. Required.', intFlag('--replicas', 'scale'))
    .option('--current-replicas <count>', 'Precondition for current size. Requires that the current size of the resource match this value in order to scale.', intFlag('--current-replicas', 'scale'), -1)
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--all', 'Select all resources in the namespace of the specified resource types')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .addOption(new Option('--dry-run [strategy]', 'Must be "none", "server", or "client".').preset('client'))
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (o.replicas === undefined) throw new RawError('error: required flag(s) "replicas" not set');
      if (o.replicas < 0) throw new CliError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
      if (!args.length) {
        throw new RawError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
      }
      const requests = parseResourceArgs(args);
      for (const r of requests) {
        if (!SCALABLE.includes(r.type.plural)) {
          throw new ApiError('NotFound', 'the server could not find the requested resource');
        }
        if (!r.names.length && !o.all && o.selector === undefined) throw new CliError('resource(s) were provided, but no name was specified');
      }
      const dryRun = dryRunMode(o.dryRun);
      const target = resolveTarget(o);
      const sel = o.selector !== undefined ? parseLabelSelector(o.selector) : undefined;
      const { lines, errors } = withCluster(target.cluster, (api) => {
        const lines: string[] = [];
        const errors: string[] = [];
        for (const req of requests) {
          const objs = selectObjects(api, req, target.namespace, { selector: sel, target }, errors);
          for (const obj of objs) {
            if (o.currentReplicas >= 0 && (obj.spec.replicas ?? 1) !== o.currentReplicas) {
              errors.push(`error: Expected replicas to be ${o.currentReplicas}, was ${obj.spec.replicas ?? 1}`);
              continue;
            }
            try {
              checkAccess(api, target, attributesFor(req.type, 'patch', obj.metadata.namespace, obj.metadata.name, 'scale'));
            } catch (e) {
              // kubectl stops at the first failed request.
              errors.push(renderError(e));
              return { lines, errors };
            }
            const copy = structuredClone(obj);
            copy.spec.replicas = o.replicas;
            // A client dry run prints the object as it was read; a server one, as it would become.
            if (dryRun === 'none') api.update(copy, { specChanged: obj.spec.replicas !== o.replicas });
            lines.push(printCreated(dryRun === 'client' ? obj : copy, 'scaled', o.output, dryRun).replace(/\n$/, ''));
          }
        }
        return { lines, errors };
      });
      for (const l of lines) out(`${l}\n`);
      for (const e of errors) err(e);
      if (errors.length) process.exitCode = 1;
    });
}

// kubectl replace -f: a whole-object update of what exists (`replaced`); with --force the object
// is deleted and created again.
import type { Command } from 'commander';
import { RawError } from '../../api/errors.ts';
import { qualifiedSingular, resourceForKind } from '../../api/resources.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { attributesFor, checkAccess } from '../access.ts';
import { out, err } from '../io.ts';
import { addDryRunOptions, dryRunMode, printCreated } from './mutation-output.ts';
import { decodeManifest, eachManifest, fieldValidation, prepareManifest, readManifests, readStdin, setLastApplied, LAST_APPLIED } from '../manifests.ts';
import type { ApiServer } from '../../api/server.ts';
import { settle } from '../../sim/engine.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerReplace(program: Command): void {
  const replace = program
    .command('replace')
    .summary('Replace a resource by file name or stdin')
    .description('Replace a resource by file name or stdin.')
    .usage('-f FILENAME [options]')
    .option('-f, --filename <file>', 'The files that contain the configurations to replace.', collect)
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--force', 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.')
    .option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully.', '-1')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.')
    .option('--validate <mode>', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
  addDryRunOptions(replace).action((_o, command: Command) => {
    const o = allOpts<any>(command);
    if (!o.filename?.length) throw new RawError(`error: must specify --filename to replace\nSee '${PROGRAM} replace -h' for help and examples`);
    const mode = fieldValidation(o.validate);
    const manifests = readManifests(o.filename, !!o.recursive, readStdin);
    const warnings: string[] = [];
    const dryRun = dryRunMode(o.dryRun);
    const target = resolveTarget(o);
    const { lines, errors } = withCluster(target.cluster, (api: ApiServer) =>
      eachManifest(manifests, (m, doing) => {
        const obj = prepareManifest(m, o.namespace, target.namespace);
        doing('replacing');
        decodeManifest(obj, mode, warnings);
        const rt = resourceForKind(obj.kind);
        const allow = (verb: string, name?: string) => checkAccess(api, target, attributesFor(rt, verb, obj.metadata.namespace, name));
        if (!o.force) allow('get', obj.metadata.name);
        const live = api.get(rt, obj.metadata.namespace, obj.metadata.name);
        if (o.saveConfig || obj.metadata.annotations?.[LAST_APPLIED]) setLastApplied(obj);
        if (o.force) {
          doing('deleting');
          allow('delete', obj.metadata.name);
          let text = '';
          if (live && dryRun === 'none') {
            api.delete(rt, live.metadata.namespace, live.metadata.name, { gracePeriodSeconds: 0 });
            // kubectl waits until the object is gone before creating it again.
            settle(api);
            text = `${qualifiedSingular(rt)} "${obj.metadata.name}" deleted\n`;
          }
          doing('creating');
          allow('create');
          delete obj.metadata.resourceVersion;
          return text + printCreated(api.create(obj, { dryRun: dryRun !== 'none' }), 'replaced', o.output, dryRun);
        }
        doing('replacing');
        allow('update', obj.metadata.name);
        return printCreated(api.replace(obj, { dryRun: dryRun !== 'none' }), 'replaced', o.output, dryRun);
      }, () => settle(api)),
    );
    for (const w of warnings) err(w);
    out(lines.join(''));
    for (const e of errors) err(e);
    if (errors.length) process.exitCode = 1;
  });
}

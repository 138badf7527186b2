// kubectl apply -f: create what is missing; otherwise a three-way merge of the last applied
// configuration, the file and the live object (`configured`, or `unchanged` when nothing differs).
import { attributesFor, checkAccess } from '../access.ts';
import type { Command } from 'commander';
import { ApiError, CliError, RawError, goQuote, goValueString, notFound, renderError } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import { qualifiedPlural, resourceForKind } from '../../api/resources.ts';
import { threeWayMerge, threeWayPatch } from '../../api/patch.ts';
import { decodeObject, strictMessage } from '../../api/openapi/schema.ts';
import { sortKeys, toYaml, yamlLib } from '../../printers/serialize.ts';
import { editText } from './edit.ts';
import { parseResourceArgs, selectObjects } from '../resource-args.ts';
import { parseLabelSelector } from '../../api/selectors.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { out, err } from '../io.ts';
import { addDryRunOptions, dryRunMode, printCreated } from './mutation-output.ts';
import { decodeManifest, eachManifest, fieldValidation, LAST_APPLIED, prepareManifest, readManifests, readStdin, setLastApplied, type FieldValidation } from '../manifests.ts';
import type { ApiServer } from '../../api/server.ts';
import { settle } from '../../sim/engine.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Metadata the server owns: never part of a comparison between what was applied and what is live. */
function comparable(o: KObject): string {
  const c = structuredClone(o);
  delete c.metadata.resourceVersion;
  delete c.metadata.generation;
  delete c.status;
  return JSON.stringify(sortKeys(c));
}

export function registerApply(program: Command): void {
  const apply = program
    .command('apply')
    .summary('Apply a configuration to a resource by file name or stdin')
    .description('Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn\'t exist yet. To use \'apply\', always create the resource initially with either \'apply\' or \'create --save-config\'.\n\nJSON and YAML formats are accepted.')
    .usage('(-f FILENAME | -k DIRECTORY) [options]')
    .option('-f, --filename <file>', 'The files that contain the configurations to apply.', collect)
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--server-side', 'If true, apply runs in the server instead of the client.')
    .option('--force-conflicts', 'If true, server-side apply will force the changes against conflicts.')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-client-side-apply')
    .option('--validate <mode>', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
  registerLastApplied(apply);
  addDryRunOptions(apply).action((_o, command: Command) => {
    const o = allOpts<any>(command);
    if (!o.filename?.length) throw new CliError('must specify one of -f and -k');
    const mode = fieldValidation(o.validate);
    const manifests = readManifests(o.filename, !!o.recursive, readStdin);
    if (!manifests.length) throw new CliError('no objects passed to apply');
    const dryRun = dryRunMode(o.dryRun);
    const target = resolveTarget(o);
    const warnings: string[] = [];
    const { lines, errors } = withCluster(target.cluster, (api: ApiServer) =>
      eachManifest(manifests, (m, doing) => {
        const obj = prepareManifest(m, o.namespace, target.namespace);
        const rt = resourceForKind(obj.kind);
        doing('retrieving current configuration of');
        checkAccess(api, target, attributesFor(rt, 'get', obj.metadata.namespace, obj.metadata.name));
        const live = api.get(rt, obj.metadata.namespace, obj.metadata.name);
        doing(live ? 'patching' : 'creating');
        checkAccess(api, target, attributesFor(rt, live ? 'patch' : 'create', obj.metadata.namespace, live ? obj.metadata.name : undefined));
        doing('retrieving current configuration of');
        if (!o.serverSide) setLastApplied(obj);
        if (!live) {
          doing('creating');
          decodeManifest(obj, mode, warnings);
          return printCreated(api.create(obj, { dryRun: dryRun !== 'none' }), o.serverSide ? 'serverside-applied' : 'created', o.output, dryRun);
        }
        const lastApplied = live.metadata.annotations?.[LAST_APPLIED];
        if (!lastApplied && !o.serverSide) {
          warnings.push(
            `Warning: resource ${qualifiedPlural(rt)}/${obj.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by ${PROGRAM} apply. ${PROGRAM} apply should only be used on resources created declaratively by either ${PROGRAM} create --save-config or ${PROGRAM} apply. The missing annotation will be patched automatically.`,
          );
        }
        const original = lastApplied ? JSON.parse(lastApplied) : undefined;
        doing('patching');
        decodePatched(obj, original, live, mode, warnings);
        const merged = threeWayMerge(original, obj, live) as KObject;
        const next = api.replace(merged, { dryRun: true });
        const operation = o.serverSide ? 'serverside-applied' : 'configured';
        if (comparable(next) === comparable(live)) return printCreated(live, o.serverSide ? operation : 'unchanged', o.output, dryRun);
        return printCreated(dryRun === 'none' ? api.replace(merged) : next, operation, o.output, dryRun);
      }, () => settle(api)),
    );
    for (const w of warnings) err(w);
    out(lines.join(''));
    for (const e of errors) err(e);
    if (errors.length) process.exitCode = 1;
  });
}

/**
 * An existing object is patched: a field the type does not have fails the patch as a whole
 * (under strict validation) with the patch itself in the message, as the API server reports it.
 */
function decodePatched(obj: KObject, original: unknown, live: KObject, mode: FieldValidation, warnings: string[]): void {
  const r = decodeObject(obj as any);
  if (!r || (!r.mismatch && !r.unknown.length)) return;
  const patchInvalid = (problem: string) => new ApiError('Invalid', `patch: Invalid value: ${goQuote(goValueString(threeWayPatch(original, obj, live)))}: ${problem}`);
  if (r.mismatch) throw patchInvalid(r.mismatch);
  if (mode === 'Strict') throw patchInvalid(strictMessage(r.unknown));
  decodeManifest(obj, mode, warnings);
}

/** The objects `TYPE NAME | TYPE/NAME | -f FILE` name, fetched from the cluster (missing ones are errors). */
function namedObjects(api: ApiServer, args: string[], o: any, namespace: string): { objects: KObject[]; errors: string[] } {
  const errors: string[] = [];
  if (o.filename?.length) {
    const objects: KObject[] = [];
    for (const m of readManifests(o.filename, !!o.recursive, readStdin)) {
      if (m.error) throw m.error;
      const rt = resourceForKind(m.obj.kind);
      const found = api.get(rt, rt.namespaced ? m.obj.metadata?.namespace ?? namespace : undefined, m.obj.metadata?.name);
      if (found) objects.push(found);
      else errors.push(renderError(notFound(rt, m.obj.metadata?.name)));
    }
    return { objects, errors };
  }
  if (!args.length) throw new RawError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  const objects = parseResourceArgs(args).flatMap((req) => selectObjects(api, req, namespace, { selector: o.selector !== undefined ? parseLabelSelector(o.selector) : undefined }, errors));
  return { objects, errors };
}

function registerLastApplied(apply: Command): void {
  apply
    .command('view-last-applied')
    .summary('View the latest last-applied-configuration annotations of a resource/object')
    .description('View the latest last-applied-configuration annotations by type/name or file.')
    .usage('(TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]')
    .argument('[args...]')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files that contains the last-applied-configuration annotations', collect)
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--all', 'Select all resources in the namespace of the specified resource types')
    .option('-o, --output <format>', 'Output format. Must be one of (yaml, json)', 'yaml')
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (!['yaml', 'json'].includes(o.output)) throw new CliError(`Unexpected -o output mode: ${o.output}, the flag 'output' must be one of yaml|json`);
      const target = resolveTarget(o);
      const { texts, errors, missing } = withCluster(target.cluster, (api) => {
        const { objects, errors } = namedObjects(api, args, o, target.namespace);
        const texts: string[] = [];
        const missing: string[] = [];
        for (const obj of objects) {
          const raw = obj.metadata.annotations?.[LAST_APPLIED];
          if (!raw) {
            missing.push(obj.metadata.name);
            continue;
          }
          const parsed = JSON.parse(raw);
          // json: Go's json.Indent of the stored text (its key order and trailing newline kept); yaml: sorted.
          texts.push(o.output === 'json' ? `${JSON.stringify(parsed, null, 2)}${/\s*$/.exec(raw)![0]}` : toYaml(parsed));
        }
        return { texts, errors, missing };
      });
      out(texts.join(o.output === 'yaml' ? '---\n' : ''));
      for (const e of errors) err(e);
      // By type and name a missing annotation prints nothing, as kubectl does; by file it is an error.
      if (o.filename?.length && missing.length) {
        err(`error: error when no last-applied-configuration annotation found on resource: ${missing[0]}\n "${o.filename[0]}": <nil>`);
        process.exitCode = 1;
      }
      if (errors.length) process.exitCode = 1;
    });

  apply
    .command('set-last-applied')
    .summary('Set the last-applied-configuration annotation on a live object to match the contents of a file')
    .description('Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This results in the last-applied-configuration being updated as though \'kubectl apply -f<file> \' was run, without updating any other parts of the object.')
    .usage('-f FILENAME [options]')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files that contains the last-applied-configuration annotations', collect)
    .option('--create-annotation', 'Will create \'last-applied-configuration\' annotations if current objects doesn\'t have one')
    .option('-o, --output <format>', 'Output format.')
    .action((_o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (!o.filename?.length) throw new RawError(`error: must specify one of -f and -k\nSee '${PROGRAM} apply set-last-applied -h' for help and examples`);
      const manifests = readManifests(o.filename, false, readStdin);
      const target = resolveTarget(o);
      const { lines, errors } = withCluster(target.cluster, (api) =>
        eachManifest(manifests, (m, doing) => {
          doing('retrieving current configuration of');
          const obj = prepareManifest(m, o.namespace, target.namespace);
          const rt = resourceForKind(obj.kind);
          const live = api.mustGet(rt, obj.metadata.namespace, obj.metadata.name);
          if (!live.metadata.annotations?.[LAST_APPLIED] && !o.createAnnotation) {
            throw new CliError(`no last-applied-configuration annotation found on resource: ${obj.metadata.name}, to create the annotation, run the command with --create-annotation`);
          }
          setLastApplied(obj);
          const copy = structuredClone(live);
          copy.metadata.annotations = { ...copy.metadata.annotations, [LAST_APPLIED]: obj.metadata.annotations![LAST_APPLIED] };
          return printCreated(api.update(copy), 'configured', o.output, 'none');
        }),
      );
      out(lines.join(''));
      for (const e of errors) err(e);
      if (errors.length) process.exitCode = 1;
    });

  apply
    .command('edit-last-applied')
    .summary('Edit latest last-applied-configuration annotations of a resource/object')
    .description('Edit the latest last-applied-configuration annotations of resources from the default editor.')
    .usage('(RESOURCE/NAME | -f FILENAME) [options]')
    .argument('[args...]')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files to use to edit the resource', collect)
    .option('-o, --output <format>', 'Output format.')
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const target = resolveTarget(o);
      const found = withCluster(target.cluster, (api) => {
        const { objects, errors } = namedObjects(api, args, o, target.namespace);
        if (errors.length) throw new RawError(errors[0]);
        return objects[0];
      });
      const raw = found.metadata.annotations?.[LAST_APPLIED];
      if (!raw) throw new CliError(`no last-applied-configuration annotation found on resource: ${found.metadata.name}`);
      const edited = editText(toYaml(JSON.parse(raw)));
      if (edited === undefined) {
        out('Edit cancelled, no changes made.\n');
        return;
      }
      const config = yamlLib().parse(edited, { version: '1.1' } as any);
      const line = withCluster(target.cluster, (api) => {
        const live = api.mustGet(resourceForKind(found.kind), found.metadata.namespace, found.metadata.name);
        const copy = structuredClone(live);
        copy.metadata.annotations = { ...copy.metadata.annotations, [LAST_APPLIED]: `${JSON.stringify(sortKeys(config))}\n` };
        return printCreated(api.update(copy), 'edited', o.output, 'none');
      });
      out(line);
    });
}

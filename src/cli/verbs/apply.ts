// kubectl apply -f: create what is missing; otherwise a three-way merge of the last applied
// configuration, the file and the live object (`configured`, or `unchanged` when nothing differs).
import type { Command } from 'commander';
import { ApiError, RawError, goQuote, goValueString } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import { qualifiedPlural, resourceForKind } from '../../api/resources.ts';
import { threeWayMerge, threeWayPatch } from '../../api/patch.ts';
import { decodeObject, strictMessage } from '../../api/openapi/schema.ts';
import { sortKeys } from '../../printers/serialize.ts';
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
  addDryRunOptions(apply).action((_o, command: Command) => {
    const o = allOpts<any>(command);
    if (!o.filename?.length) throw new RawError(`error: must specify one of -f and -k\n\nSee '${PROGRAM} apply -h' for help and examples`);
    const mode = fieldValidation(o.validate);
    const manifests = readManifests(o.filename, !!o.recursive, readStdin);
    const dryRun = dryRunMode(o.dryRun);
    const target = resolveTarget(o);
    const warnings: string[] = [];
    const { lines, errors } = withCluster(target.cluster, (api: ApiServer) =>
      eachManifest(manifests, (m, doing) => {
        const obj = prepareManifest(m, o.namespace, target.namespace);
        const rt = resourceForKind(obj.kind);
        doing('retrieving current configuration of');
        const live = api.get(rt, obj.metadata.namespace, obj.metadata.name);
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

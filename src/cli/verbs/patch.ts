// kubectl patch (TYPE NAME | -f FILE) -p PATCH [--type strategic|merge|json]: the API server's
// PATCH, then the same validation as any update; `patched`, or `patched (no change)`.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { ApiError, CliError, RawError, UsageError, goQuote, goValueString } from '../../api/errors.ts';
import { resourceForKind, type ResourceType } from '../../api/resources.ts';
import type { KObject } from '../../api/types.ts';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from '../../api/patch.ts';
import { decodeObject, pruneFields } from '../../api/openapi/schema.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { parseResourceArgs } from '../resource-args.ts';
import { resolveTarget, withCluster, type Target } from '../../sim/session.ts';
import { attributesFor, checkAccess } from '../access.ts';
import { goYamlError, yamlLib } from '../../printers/serialize.ts';
import { out, err } from '../io.ts';
import { addDryRunOptions, dryRunMode, printCreated } from './mutation-output.ts';
import { readManifests, readStdin, manifestNamespace } from '../manifests.ts';
import type { ApiServer } from '../../api/server.ts';
import { notFound } from '../../api/errors.ts';

const PATCH_TYPES = ['json', 'merge', 'strategic'];
const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * kubectl sends a patch that starts with `{` as it is (the server decodes it), and converts
 * anything else from YAML first (an error then is kubectl's own).
 */
function parsePatch(text: string): unknown {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError('BadRequest', goJsonError(text));
    }
  }
  try {
    return yamlLib().parse(text, { version: '1.1', uniqueKeys: false } as any);
  } catch (e: any) {
    throw new CliError(`unable to parse "${text}": yaml: ${goYamlError(e, text)}`);
  }
}

/** encoding/json's complaint about malformed JSON, for the common cases. */
function goJsonError(text: string): string {
  const stack: string[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) continue;
    if (c === '{') {
      stack.push('}');
      expectKey = true;
      continue;
    }
    if (expectKey && c !== '"' && c !== '}') return `invalid character '${c}' looking for beginning of object key string`;
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) break;
      i = end;
      expectKey = false;
      continue;
    }
    if (c === ',') expectKey = stack[stack.length - 1] === '}';
    if (c === '}' || c === ']') stack.pop();
  }
  return 'unexpected end of JSON input';
}

/** The object after the patch, as the API server computes it. */
export function applyPatch(live: KObject, patch: unknown, type: string): KObject {
  if (type === 'json') {
    if (!Array.isArray(patch)) throw new ApiError('BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    try {
      return jsonPatch(live, patch);
    } catch (e) {
      if (e instanceof PatchError) throw new ApiError('Invalid', 'the server rejected our request due to an error in our request');
      throw e;
    }
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new ApiError('BadRequest', `json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
  }
  return type === 'merge' ? mergePatch(live, patch) : strategicMerge(live, patch);
}

/**
 * One PATCH: kubectl sends no field validation, so the server's default applies: fields the type
 * does not have are dropped with a warning; a mistyped field fails the patch.
 */
function patchOne(api: ApiServer, target: Target, rt: ResourceType, ns: string | undefined, name: string, patch: unknown, o: any, warnings: string[]): string {
  const dryRun = dryRunMode(o.dryRun);
  checkAccess(api, target, attributesFor(rt, 'patch', ns, name, o.subresource));
  const live = api.get(rt, ns, name);
  if (!live) throw notFound(rt, name);
  const patched = applyPatch(live, patch, o.type);
  const spec = structuredClone(patched);
  delete spec.status;
  const r = decodeObject(spec as any);
  if (r?.mismatch) throw new ApiError('Invalid', `patch: Invalid value: ${goQuote(goValueString(patch))}: ${r.mismatch}`);
  for (const u of r?.unknown ?? []) warnings.push(`Warning: unknown field "${u}"`);
  if (r?.unknown.length) pruneFields(patched as any, r.unknown);
  const same = JSON.stringify(patched) === JSON.stringify(live);
  const saved = same ? live : api.replace({ ...patched, metadata: { ...patched.metadata, resourceVersion: undefined } } as KObject, { dryRun: dryRun !== 'none' });
  // The operation replaces any dry-run suffix: kubectl prints a plain `patched` either way.
  if (o.output) return printCreated(saved, 'patched', o.output, dryRun);
  return printCreated(saved, same ? 'patched (no change)' : 'patched', undefined, 'none');
}

export function registerPatch(program: Command): void {
  const patch = program
    .command('patch')
    .summary('Update fields of a resource')
    .description('Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.')
    .usage('(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]')
    .argument('[args...]')
    .option('-p, --patch <patch>', 'The patch to be applied to the resource JSON file.')
    .option('--patch-file <file>', 'A file containing a patch to be applied to the resource.')
    .option('--type <type>', 'The type of patch being provided; one of [json merge strategic]', 'strategic')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to update', collect)
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--local', 'If true, patch will operate on the content of the file, not the server-side resource.')
    .option('--subresource <name>', 'If specified, patch will operate on the subresource of the requested object.');
  addDryRunOptions(patch).action((args: string[], _o, command: Command) => {
    const o = allOpts<any>(command);
    const usagePath = `${PROGRAM} patch`;
    if (!PATCH_TYPES.includes(o.type)) throw new UsageError(`--type must be one of [json merge strategic], not "${o.type}"`, usagePath);
    if (o.patch !== undefined && o.patchFile) throw new UsageError('cannot specify --patch and --patch-file together', usagePath);
    let text: string | undefined = o.patch;
    if (o.patchFile) {
      try {
        text = readFileSync(o.patchFile, 'utf8');
      } catch {
        throw new CliError(`unable to read patch file: open ${o.patchFile}: no such file or directory`);
      }
    }
    if (!text) throw new UsageError('must specify --patch or --patch-file containing the contents of the patch', usagePath);
    if (o.local && dryRunMode(o.dryRun) === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    const patchValue = parsePatch(text);
    const warnings: string[] = [];
    if (o.filename?.length && args.length) throw new CliError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    if (o.local && !o.filename?.length) throw new CliError('cannot specify --local and server resources');
    const target = resolveTarget(o);

    if (o.filename?.length) {
      const manifests = readManifests(o.filename, !!o.recursive, readStdin);
      const unreadable = manifests.find((m) => m.error);
      if (unreadable) throw unreadable.error;
      if (o.local) {
        const lines = manifests.map((m) => printCreated(applyPatch(m.obj, patchValue, o.type), 'patched', o.output, 'none'));
        out(lines.join(''));
        return;
      }
      const { lines, errors } = withCluster(target.cluster, (api) => {
        const lines: string[] = [];
        const errors: string[] = [];
        for (const m of manifests) {
          try {
            const rt = resourceForKind(m.obj.kind);
            lines.push(patchOne(api, target, rt, manifestNamespace(m.obj, o.namespace, target.namespace), m.obj.metadata.name, patchValue, o, warnings));
          } catch (e) {
            errors.push(renderPatchError(e));
          }
        }
        return { lines, errors };
      });
      for (const w of warnings) err(w);
      out(lines.join(''));
      for (const e of errors) err(e);
      if (errors.length) process.exitCode = 1;
      return;
    }

    if (!args.length) throw new RawError(`error: must provide one or more resources\nSee '${usagePath} -h' for help and examples`);
    const requests = parseResourceArgs(args);
    const pairs = requests.flatMap((r) => r.names.map((n) => [r.type, n] as const));
    if (!pairs.length) throw new CliError('resource(s) were provided, but no name was specified');
    const { lines, errors } = withCluster(target.cluster, (api) => {
      const lines: string[] = [];
      const errors: string[] = [];
      for (const [rt, name] of pairs) {
        try {
          lines.push(patchOne(api, target, rt, rt.namespaced ? target.namespace : undefined, name, patchValue, o, warnings));
        } catch (e) {
          errors.push(renderPatchError(e));
        }
      }
      return { lines, errors };
    });
    for (const w of warnings) err(w);
    out(lines.join(''));
    for (const e of errors) err(e);
    if (errors.length) process.exitCode = 1;
  });
}

function renderPatchError(e: unknown): string {
  if (e instanceof ApiError) return e.render();
  throw e;
}

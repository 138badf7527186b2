// `TYPE NAME...`, `TYPE1,TYPE2`, `TYPE/NAME ...`, `all`: what kubectl's resource builder accepts.
import { CliError } from '../api/errors.ts';
import { ALL_CATEGORY, lookupResource, type ResourceType } from '../api/resources.ts';
import { notFound, renderError } from '../api/errors.ts';
import { matchesLabels, type LabelSelector } from '../api/selectors.ts';
import type { ApiServer } from '../api/server.ts';
import type { KObject } from '../api/types.ts';
import type { Target } from '../sim/session.ts';
import { attributesFor, checkAccess } from './access.ts';

export interface ResourceRequest {
  type: ResourceType;
  /** Named objects; empty means "all of this type". */
  names: string[];
}

function resolveType(name: string): ResourceType[] {
  if (name === 'all') return ALL_CATEGORY.map((p) => lookupResource(p)!);
  const r = lookupResource(name);
  if (!r) throw new CliError(`the server doesn't have a resource type "${name}"`);
  return [r];
}

export function parseResourceArgs(args: string[]): ResourceRequest[] {
  if (!args.length) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      throw new CliError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const parts = a.split('/');
      if (parts.length > 2) throw new CliError('arguments in resource/name form may not have more than one slash');
      const [typeName, name] = parts;
      if (!typeName || !name) throw new CliError('arguments in resource/name form must have a single resource and name');
      const [type] = resolveType(typeName);
      const existing = out.find((r) => r.type === type);
      if (existing) existing.names.push(name);
      else out.push({ type, names: [name] });
    }
    return out;
  }
  const types = args[0].split(',').filter(Boolean).flatMap(resolveType);
  const names = args.slice(1);
  const unique = [...new Set(types)];
  if (names.length && unique.length > 1) {
    return unique.map((type) => ({ type, names: [...names] }));
  }
  return unique.map((type) => ({ type, names: [...names] }));
}

/**
 * The objects a request names (each missing one adds kubectl's NotFound line to `errors`), or
 * all of its type in the namespace (everywhere with allNamespaces) that match the selector.
 */
export function selectObjects(
  api: ApiServer,
  req: ResourceRequest,
  namespace: string,
  opts: { selector?: LabelSelector; allNamespaces?: boolean; target?: Target },
  errors: string[],
): KObject[] {
  const allowed = (verb: string, ns: string | undefined, name?: string) => {
    try {
      if (opts.target) checkAccess(api, opts.target, attributesFor(req.type, verb, ns, name));
      return true;
    } catch (e) {
      errors.push(renderError(e));
      return false;
    }
  };
  if (!req.names.length) {
    const ns = req.type.namespaced && !opts.allNamespaces ? namespace : undefined;
    if (!allowed('list', ns)) return [];
    return api.list(req.type, ns).filter((x) => !opts.selector || matchesLabels(opts.selector, x.metadata.labels));
  }
  const found: KObject[] = [];
  for (const name of req.names) {
    if (!allowed('get', namespace, name)) continue;
    const x = api.get(req.type, namespace, name);
    if (x) found.push(x);
    else errors.push(renderError(notFound(req.type, name)));
  }
  return found;
}

// Patches as the API server applies them: strategic merge (lists merged by their merge key),
// JSON merge patch (RFC 7386), JSON patch (RFC 6902), and the three-way merge of `kubectl apply`.
type Json = any;

const isObj = (v: unknown): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The `patchMergeKey` of a list field of the core/apps/batch types, or undefined for atomic lists. */
export function mergeKeyFor(field: string, items: Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports':
      return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  }
  return undefined;
}

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

/** Applies a strategic merge patch: maps merge, `null` deletes, keyed lists merge item by item. */
export function strategicMerge(target: Json, patch: Json, field = ''): Json {
  if (isObj(patch)) {
    if (patch.$patch === 'replace') {
      const { $patch: _, ...rest } = patch;
      return clone(rest);
    }
    const out: Record<string, Json> = isObj(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (k === '$patch') continue;
      if (v === null) delete out[k];
      else out[k] = strategicMerge(out[k], v, k);
    }
    return out;
  }
  if (Array.isArray(patch)) {
    const key = mergeKeyFor(field, [...patch, ...(Array.isArray(target) ? target : [])]);
    if (!key || !Array.isArray(target)) return clone(patch.filter((p) => !(isObj(p) && p.$patch === 'delete')));
    const out = target.map((t) => t);
    for (const item of patch) {
      if (!isObj(item)) continue;
      const at = out.findIndex((t) => isObj(t) && t[key] === item[key]);
      if (item.$patch === 'delete') {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) out[at] = strategicMerge(out[at], item, field);
      else out.push(clone(item));
    }
    return out;
  }
  return patch;
}

/** RFC 7386: objects merge, `null` deletes, everything else (lists included) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: Record<string, Json> = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export class PatchError extends Error {}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`add operation does not apply: doc is missing path: "${path}": missing value`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, parts: string[], op: string, path: string): [Json, string] {
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(p)] : isObj(cur) ? cur[p] : undefined;
    if (cur === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return [cur, parts[parts.length - 1]];
}

function getAt(doc: Json, path: string, op: string): Json {
  const parts = pointer(path);
  if (!parts.length) return doc;
  const [parent, last] = parentOf(doc, parts, op, path);
  const v = Array.isArray(parent) ? parent[Number(last)] : parent?.[last];
  if (v === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return v;
}

function removeAt(doc: Json, path: string, op: string): Json {
  const [parent, last] = parentOf(doc, pointer(path), op, path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!isObj(parent) || !(last in parent)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  const v = parent[last];
  delete parent[last];
  return v;
}

function addAt(doc: Json, path: string, value: Json, op: string, replace = false): Json {
  const parts = pointer(path);
  if (!parts.length) return value;
  const [parent, last] = parentOf(doc, parts, op, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!(i >= 0 && i <= parent.length - (replace ? 1 : 0))) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    parent.splice(i, replace ? 1 : 0, value);
  } else if (isObj(parent)) {
    if (replace && !(last in parent)) throw new PatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
    parent[last] = value;
  } else throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return doc;
}

/** RFC 6902, with the evanphx/json-patch messages the API server returns. */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(target);
  for (const o of ops) {
    const op = o?.op;
    switch (op) {
      case 'add':
        doc = addAt(doc, o.path, clone(o.value), op);
        break;
      case 'remove':
        removeAt(doc, o.path, op);
        break;
      case 'replace':
        doc = addAt(doc, o.path, clone(o.value), op, true);
        break;
      case 'move': {
        const v = removeAt(doc, o.from, op);
        doc = addAt(doc, o.path, v, op);
        break;
      }
      case 'copy':
        doc = addAt(doc, o.path, clone(getAt(doc, o.from, op)), op);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, o.path, op)) !== JSON.stringify(o.value)) throw new PatchError('testing value ' + o.path + ' failed: test failed');
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

/**
 * `kubectl apply`'s three-way merge: fields of `modified` are set on `current`; fields that were in
 * `original` (the last applied configuration) but are gone from `modified` are removed; whatever
 * else `current` holds (defaults, fields set by others) is kept.
 */
export function threeWayMerge(original: Json, modified: Json, current: Json, field = ''): Json {
  if (isObj(modified)) {
    const out: Record<string, Json> = isObj(current) ? { ...current } : {};
    const orig = isObj(original) ? original : {};
    for (const [k, v] of Object.entries(modified)) {
      if (v === null) delete out[k];
      else out[k] = threeWayMerge(orig[k], v, out[k], k);
    }
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    return out;
  }
  if (Array.isArray(modified)) {
    const key = mergeKeyFor(field, [...modified, ...(Array.isArray(current) ? current : [])]);
    if (!key || !Array.isArray(current) || !modified.every(isObj)) return clone(modified);
    const orig = Array.isArray(original) ? original : [];
    const out = modified.map((item) => {
      const cur = current.find((c) => isObj(c) && c[key] === item[key]);
      const was = orig.find((c: Json) => isObj(c) && c[key] === item[key]);
      return cur ? threeWayMerge(was, item, cur, field) : clone(item);
    });
    for (const cur of current) {
      if (!isObj(cur)) continue;
      const inModified = modified.some((m) => m[key] === cur[key]);
      const inOriginal = orig.some((o: Json) => isObj(o) && o[key] === cur[key]);
      if (!inModified && !inOriginal) out.push(cur);
    }
    return out;
  }
  return modified;
}

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/** A list merged by key whose items, in order, hold nothing `current` lacks: no part of the patch. */
function sameKeyedList(field: string, original: Json, modified: Json, current: Json): boolean {
  if (!Array.isArray(modified) || !Array.isArray(current) || modified.length !== current.length) return false;
  const key = mergeKeyFor(field, [...modified, ...current]);
  if (!key) return false;
  const orig = Array.isArray(original) ? original : [];
  return modified.every((m, i) => isObj(m) && isObj(current[i]) && m[key] === current[i][key] && !Object.keys(threeWayPatch(orig.find((o: Json) => isObj(o) && o[key] === m[key]), m, current[i])).length);
}

/**
 * The patch `kubectl apply` sends (in shape): what `modified` sets that `current` lacks or holds
 * differently, and `null` for what `original` had and `modified` dropped. Lists go whole.
 */
export function threeWayPatch(original: Json, modified: Json, current: Json): Record<string, Json> {
  const out: Record<string, Json> = {};
  const orig = isObj(original) ? original : {};
  const cur = isObj(current) ? current : {};
  for (const [k, v] of Object.entries(isObj(modified) ? modified : {})) {
    if (same(v, cur[k])) continue;
    if (isObj(v) && isObj(cur[k])) {
      const sub = threeWayPatch(orig[k], v, cur[k]);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (!sameKeyedList(k, orig[k], v, cur[k])) out[k] = clone(v);
  }
  for (const k of Object.keys(orig)) if (isObj(modified) && !(k in modified) && k in cur) out[k] = null;
  return out;
}

// The simulated kube-apiserver: the one door through which CLI verbs and controllers read and
// change cluster state. It assigns uids, resourceVersions and timestamps, validates, records
// events, and keeps a change log that the control loop hands to controllers.
import type { ClusterState } from '../store/schema.ts';
import type { EventObject, KObject } from './types.ts';
import { Rng } from '../util/rand.ts';
import { rfc3339, parseTime } from '../util/time.ts';
import { compareStrings } from '../util/compare.ts';
import { TimerQueue } from '../sim/timers.ts';
import { lookupResource, resourceForKind, type ResourceType } from './resources.ts';
import { ApiError, alreadyExists, invalid, notFound } from './errors.ts';
import { validateObject, validateUpdate } from './validate-object.ts';
import { applyDefaults } from './defaults.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: ChangeType;
  resource: string;
  key: string;
  obj: KObject;
  /** For MODIFIED: the object as it was before (absent when it was changed in place). */
  old?: KObject;
}

const EVENT_TTL_MS = 60 * 60 * 1000;
const KINDS_WITH_GENERATION = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Ingress', 'NetworkPolicy']);

export function objectKey(ns: string | undefined, name: string): string {
  return ns ? `${ns}/${name}` : name;
}

export function keyOf(obj: KObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}

type ResourceRef = ResourceType | string;
const res = (r: ResourceRef): ResourceType => {
  if (typeof r !== 'string') return r;
  const found = lookupResource(r);
  if (!found) throw new Error(`unknown resource ${r}`);
  return found;
};

export class ApiServer {
  readonly rng: Rng;
  changes: Change[] = [];
  /** Count of simulation steps taken in this process (catch-up cost, for tests and bench). */
  steps = 0;
  dirty = false;
  private eventIndex?: Map<string, EventObject>;

  readonly timers: TimerQueue;
  private sorted = new Map<string, KObject[]>();
  private owners?: Map<string, Set<KObject>>;

  constructor(public state: ClusterState, public nowMs: number) {
    this.rng = new Rng(state.rng);
    this.timers = new TimerQueue(state.timers);
  }

  /** Prepares the state for saving. */
  finish(): void {
    this.state.rng = this.rng.state;
    this.state.timers = this.timers.compact();
  }

  now(): number {
    return this.nowMs;
  }

  timestamp(ms = this.nowMs): string {
    return rfc3339(ms);
  }

  private bucket(r: ResourceType): Record<string, KObject> {
    return (this.state.objects[r.plural] ??= {});
  }

  get<T extends KObject = KObject>(r: ResourceRef, ns: string | undefined, name: string): T | undefined {
    const rt = res(r);
    return this.bucket(rt)[objectKey(rt.namespaced ? ns : undefined, name)] as T | undefined;
  }

  mustGet<T extends KObject = KObject>(r: ResourceRef, ns: string | undefined, name: string): T {
    const o = this.get<T>(r, ns, name);
    if (!o) throw notFound(res(r), name);
    return o;
  }

  /** All objects of a type, in one namespace or (ns undefined) everywhere, sorted by namespace then name. */
  list<T extends KObject = KObject>(r: ResourceRef, ns?: string): T[] {
    const rt = res(r);
    let all = this.sorted.get(rt.plural);
    if (!all) {
      all = Object.values(this.bucket(rt)).sort(
        (a, b) => compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name, b.metadata.name),
      );
      this.sorted.set(rt.plural, all);
    }
    return (rt.namespaced && ns !== undefined ? all.filter((o) => o.metadata.namespace === ns) : all.slice()) as T[];
  }

  /** Swaps a replaced object in the sorted cache (same namespace and name, same position). */
  private replaceInSorted(plural: string, old: KObject, obj: KObject): void {
    const all = this.sorted.get(plural);
    if (!all) return;
    const cmp = (a: KObject) => compareStrings(a.metadata.namespace ?? '', obj.metadata.namespace ?? '') || compareStrings(a.metadata.name, obj.metadata.name);
    let lo = 0;
    let hi = all.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cmp(all[mid]);
      if (c === 0) {
        if (all[mid] === old) all[mid] = obj;
        else this.sorted.delete(plural);
        return;
      }
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    this.sorted.delete(plural);
  }

  /** Objects whose ownerReferences name this uid (the garbage collector's graph). */
  dependents(uid: string): KObject[] {
    if (!this.owners) {
      this.owners = new Map();
      for (const bucket of Object.values(this.state.objects)) for (const o of Object.values(bucket)) this.indexOwners(o, true);
    }
    return [...(this.owners.get(uid) ?? [])];
  }

  private indexOwners(o: KObject, add: boolean): void {
    if (!this.owners) return;
    for (const ref of o.metadata.ownerReferences ?? []) {
      let set = this.owners.get(ref.uid);
      if (!set) this.owners.set(ref.uid, (set = new Set()));
      if (add) set.add(o);
      else set.delete(o);
    }
  }

  private nextResourceVersion(): string {
    return String(++this.state.resourceVersion);
  }

  private record(type: ChangeType, rt: ResourceType, obj: KObject, old?: KObject): void {
    this.dirty = true;
    this.changes.push({ type, resource: rt.plural, key: keyOf(obj), obj, ...(old ? { old } : {}) });
    const watch = this.state.watch;
    if (watch && Object.keys(watch.watchers).length) {
      const rv = type === 'DELETED' ? Number(this.nextResourceVersion()) : Number(obj.metadata.resourceVersion);
      watch.log.push({ rv, type, resource: rt.plural, obj: structuredClone(obj) });
    }
  }

  /** Creates an object: naming, validation, defaulting, metadata. Returns the stored object. */
  create<T extends KObject>(input: T, opts: { dryRun?: boolean } = {}): T {
    const rt = resourceForKind(input.kind);
    const obj = structuredClone(input) as T;
    const meta = obj.metadata ?? (obj.metadata = { name: '' });
    if (!rt.namespaced) delete meta.namespace;
    else meta.namespace ||= 'default';
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.rng.suffix();
    if (rt.namespaced) this.checkNamespaceWritable(rt, meta.namespace!, meta.name);
    // A job's generated selector names its own uid, so the uid comes before the defaults.
    const uid = rt.kind === 'Job' ? this.rng.uuid() : undefined;
    if (uid) meta.uid = uid;
    applyDefaults(obj, this);
    const causes = validateObject(obj);
    if (causes.length) throw invalid(rt.kind, meta.name, causes, rt.group);
    if (this.get(rt, meta.namespace, meta.name)) throw alreadyExists(rt, meta.name);
    if (opts.dryRun) return obj;
    meta.uid = uid ?? this.rng.uuid();
    meta.resourceVersion = this.nextResourceVersion();
    meta.creationTimestamp = this.timestamp();
    if (KINDS_WITH_GENERATION.has(rt.kind)) meta.generation = 1;
    this.bucket(rt)[keyOf(obj)] = obj;
    this.sorted.delete(rt.plural);
    this.indexOwners(obj, true);
    this.record('ADDED', rt, obj);
    return obj;
  }

  private checkNamespaceWritable(rt: ResourceType, ns: string, name: string): void {
    const nsObj = this.get('namespaces', undefined, ns);
    if (!nsObj) throw new ApiError('NotFound', `namespaces "${ns}" not found`);
    if (nsObj.metadata.deletionTimestamp) {
      throw new ApiError(
        'Forbidden',
        `${rt.group ? `${rt.plural}.${rt.group}` : rt.plural} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  }

  /** Stores a changed object (the caller mutated a copy or the stored object itself). */
  update<T extends KObject>(obj: T, opts: { specChanged?: boolean } = {}): T {
    const rt = resourceForKind(obj.kind);
    const stored = this.get(rt, obj.metadata.namespace, obj.metadata.name);
    if (!stored) throw notFound(rt, obj.metadata.name);
    if (KINDS_WITH_GENERATION.has(rt.kind)) {
      const changed = opts.specChanged ?? (obj !== stored && JSON.stringify(obj.spec) !== JSON.stringify(stored.spec));
      if (changed) obj.metadata.generation = (stored.metadata.generation ?? 1) + 1;
      // The daemon set strategy keeps this annotation in step with a template change.
      if (changed && rt.kind === 'DaemonSet' && JSON.stringify(obj.spec?.template) !== JSON.stringify(stored.spec?.template)) {
        obj.metadata.annotations = { ...obj.metadata.annotations, 'deprecated.daemonset.template.generation': String(obj.metadata.generation) };
      }
    }
    obj.metadata.resourceVersion = this.nextResourceVersion();
    this.bucket(rt)[keyOf(obj)] = obj;
    if (obj !== stored) {
      this.replaceInSorted(rt.plural, stored, obj);
      this.indexOwners(stored, false);
      this.indexOwners(obj, true);
    }
    this.record('MODIFIED', rt, obj, obj !== stored ? stored : undefined);
    return obj;
  }

  /**
   * An update from a user (edit, apply, set, patch): the object is validated like a create,
   * immutable fields are checked, and server-managed metadata is kept.
   */
  replace<T extends KObject>(obj: T, opts: { dryRun?: boolean } = {}): T {
    const rt = resourceForKind(obj.kind);
    const stored = this.mustGet(rt, obj.metadata.namespace, obj.metadata.name);
    const next = structuredClone(obj);
    const keep = ['uid', 'creationTimestamp', 'generation', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences'] as const;
    for (const k of keep) {
      if (k === 'ownerReferences' && next.metadata.ownerReferences) continue;
      if (stored.metadata[k] !== undefined) (next.metadata as any)[k] = stored.metadata[k];
      else delete (next.metadata as any)[k];
    }
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== stored.metadata.resourceVersion) {
      throw new ApiError(
        'Conflict',
        `Operation cannot be fulfilled on ${rt.group ? `${rt.plural}.${rt.group}` : rt.plural} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    next.status = stored.status;
    applyDefaults(next, this);
    const causes = [...validateObject(next), ...validateUpdate(stored, next)];
    if (causes.length) throw invalid(rt.kind, next.metadata.name, causes, rt.group);
    if (opts.dryRun) {
      // What the update would store: a spec change counts a generation.
      if (KINDS_WITH_GENERATION.has(rt.kind) && JSON.stringify(next.spec) !== JSON.stringify(stored.spec)) next.metadata.generation = (stored.metadata.generation ?? 1) + 1;
      return next;
    }
    return this.update(next);
  }

  /** Takes a finalizer off an object; a deleted object goes once it has none left. */
  removeFinalizer(obj: KObject, finalizer: string): void {
    const stored = this.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
    if (!stored?.metadata.finalizers?.includes(finalizer)) return;
    const copy = structuredClone(stored);
    copy.metadata.finalizers = copy.metadata.finalizers!.filter((f) => f !== finalizer);
    if (!copy.metadata.finalizers.length) delete copy.metadata.finalizers;
    if (copy.metadata.deletionTimestamp && !copy.metadata.finalizers) this.remove(stored);
    else this.update(copy);
  }

  /** Removes an object from storage for good (after graceful deletion or finalization). */
  remove(obj: KObject): void {
    const rt = resourceForKind(obj.kind);
    const key = keyOf(obj);
    const stored = this.bucket(rt)[key];
    if (!stored) return;
    delete this.bucket(rt)[key];
    this.sorted.delete(rt.plural);
    this.indexOwners(stored, false);
    this.record('DELETED', rt, obj);
  }

  /**
   * API DELETE. Objects with finalizers or a graceful pod shutdown get a deletionTimestamp
   * and linger (shown as Terminating); everything else goes at once. Dependents are left to
   * the garbage collector, as the API server does.
   */
  delete(r: ResourceRef, ns: string | undefined, name: string, opts: { gracePeriodSeconds?: number } = {}): KObject {
    const rt = res(r);
    const obj = this.mustGet(rt, ns, name);
    if (obj.metadata.deletionTimestamp) {
      if (rt.kind === 'Pod' && opts.gracePeriodSeconds === 0) this.remove(obj);
      return obj;
    }
    // Finalizers hold an object (Terminating) until the controllers that own them let it go.
    if (obj.metadata.finalizers?.length && rt.kind !== 'Pod' && rt.kind !== 'Namespace') {
      obj.metadata.deletionTimestamp = this.timestamp();
      obj.metadata.deletionGracePeriodSeconds = 0;
      this.update(obj);
      return obj;
    }
    if (rt.kind === 'Namespace') {
      obj.metadata.deletionTimestamp = this.timestamp();
      obj.status = { ...obj.status, phase: 'Terminating' };
      this.update(obj);
      return obj;
    }
    if (rt.kind === 'Pod') {
      const grace = opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
      const terminal = ['Succeeded', 'Failed'].includes(obj.status?.phase);
      if (grace > 0 && obj.spec?.nodeName && !terminal) {
        obj.metadata.deletionTimestamp = this.timestamp(this.nowMs + grace * 1000);
        obj.metadata.deletionGracePeriodSeconds = grace;
        this.update(obj);
        return obj;
      }
    }
    this.remove(obj);
    return obj;
  }

  // ---- timers -------------------------------------------------------------------------------

  /** Schedules `type` for `key` at `atMs`, replacing a pending timer of the same type and key. */
  schedule(atMs: number, type: string, key: string): void {
    this.timers.push({ at: Math.max(atMs, this.nowMs), seq: ++this.state.timerSeq, type, key });
    this.dirty = true;
  }

  cancelTimers(type: string, key: string): void {
    if (this.timers.cancel(type, key)) this.dirty = true;
  }

  hasTimer(type: string, key: string): boolean {
    return this.timers.has(type, key);
  }

  // ---- events -------------------------------------------------------------------------------

  private eventsByKey(): Map<string, EventObject> {
    if (!this.eventIndex) {
      this.eventIndex = new Map();
      for (const e of this.list<EventObject>('events')) this.eventIndex.set(eventAggregateKey(e), e);
    }
    return this.eventIndex;
  }

  /** Records an event, aggregating repeats (same object, reason, message and source) into a count. */
  recordEvent(
    about: KObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    opts: { host?: string; fieldPath?: string } = {},
  ): void {
    const ns = about.metadata.namespace ?? 'default';
    const ts = this.timestamp();
    const involvedObject = {
      kind: about.kind,
      namespace: about.metadata.namespace ?? (about.kind === 'Node' ? undefined : ns),
      name: about.metadata.name,
      uid: about.metadata.uid,
      apiVersion: about.apiVersion,
      resourceVersion: about.metadata.resourceVersion,
      ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}),
    };
    const draft = { involvedObject, reason, message, source: { component, ...(opts.host ? { host: opts.host } : {}) } };
    const aggKey = eventAggregateKey(draft as EventObject);
    const existing = this.eventsByKey().get(aggKey);
    if (existing && this.get('events', existing.metadata.namespace, existing.metadata.name)) {
      existing.count = (existing.count ?? 1) + 1;
      existing.lastTimestamp = ts;
      this.update(existing);
      return;
    }
    const ev: EventObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${about.metadata.name}.${this.eventNameSuffix()}`, namespace: ns },
      involvedObject,
      reason,
      message,
      source: draft.source,
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: opts.host ?? '',
    };
    // Recording is best effort, as the real recorder's: an event that cannot be stored (its
    // namespace is going away) is dropped.
    try {
      const created = this.create(ev);
      this.eventsByKey().set(aggKey, created as EventObject);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** Like the real recorder's `%x` of UnixNano: event names sort in the order they were made. */
  private eventNameSuffix(): string {
    const seq = (this.state.alloc.eventSeq = ((this.state.alloc.eventSeq ?? 0) + 1) % 1_000_000);
    return (BigInt(this.nowMs) * 1_000_000n + BigInt(seq)).toString(16).padStart(16, '0');
  }

  /** Events expire after the API server's event TTL (1h). */
  expireEvents(): void {
    const cutoff = this.nowMs - EVENT_TTL_MS;
    for (const e of this.list<EventObject>('events')) {
      const last = parseTime(e.lastTimestamp ?? e.firstTimestamp ?? e.metadata.creationTimestamp) ?? 0;
      if (last < cutoff) {
        delete this.bucket(resourceForKind('Event'))[keyOf(e)];
        this.sorted.delete('events');
        this.eventIndex?.delete(eventAggregateKey(e));
        this.dirty = true;
      }
    }
  }

  takeChanges(): Change[] {
    const c = this.changes;
    this.changes = [];
    return c;
  }
}

function eventAggregateKey(e: Pick<EventObject, 'involvedObject' | 'reason' | 'message' | 'source'>): string {
  const o = e.involvedObject;
  return [o.kind, o.namespace, o.name, o.uid, o.fieldPath, e.reason, e.message, e.source?.component, e.source?.host].join('\u0000');
}

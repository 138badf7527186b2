// What containers write, kept where the bytes would really live, so it outlives the exec session
// exactly as long as it would in a cluster: the container's writable layer (gone when the
// container restarts), a pod's emptyDir (gone with the pod), a node's directories (hostPath and
// local volumes: they stay on that node), or a network volume (follows the PersistentVolume).
import type { ApiServer } from '../api/server.ts';
import type { Container, KObject, Pod } from '../api/types.ts';
import type { FileOp } from './container-run.ts';
import { replayLoopFiles, type LoopState, type TimedFileOp } from './script.ts';

/** A file operation at the moment (ms) it happens. */
type TimedOp = Omit<TimedFileOp, 's'> & { at: number };

/** The rounds of a loop replayed at once at the most: a file written every second for a week keeps its latest rounds. */
const MAX_LOOP_ROUNDS = 1000;

export interface StoredFile {
  content: string;
  /** Milliseconds since the epoch. */
  mtime: number;
}

/** One store: absolute paths (relative to the store's root) to files; directories end with '/'. */
type Store = Record<string, StoredFile>;

interface Mount {
  /** Where the volume appears in the container, without a trailing slash ('' for the root). */
  path: string;
  /** The store holding it; undefined for volumes whose contents the kubelet projects (configMap, secret, ...). */
  store?: string;
  /** The volume's directory inside its store ('' or '/some/dir'). */
  base: string;
  readOnly: boolean;
}

function stores(api: ApiServer): Record<string, Store> {
  return (api.state.volumeData ??= {});
}

/** The store to write into; the cluster is saved after this command. */
function writable(api: ApiServer, store: string): Store {
  api.dirty = true;
  return (stores(api)[store] ??= {});
}

const join = (...parts: string[]) => `/${parts.join('/').split('/').filter(Boolean).join('/')}`;

/** Where a pod's volume keeps its data: [store, directory inside it]. */
function backing(api: ApiServer, pod: Pod, volume: any): [string, string] | undefined {
  const node = pod.spec.nodeName ?? '';
  if (volume.emptyDir) return [`emptyDir/${pod.metadata.uid}/${volume.name}`, ''];
  if (volume.hostPath) return [`node/${node}`, volume.hostPath.path];
  const claim = volume.persistentVolumeClaim?.claimName;
  if (claim) {
    const pvc = api.get('persistentvolumeclaims', pod.metadata.namespace, claim);
    const pv = pvc?.spec.volumeName ? api.get('persistentvolumes', undefined, pvc.spec.volumeName) : undefined;
    if (!pv) return undefined;
    const local = pv.spec.hostPath ?? pv.spec.local;
    return local ? [`node/${node}`, local.path] : [`pv/${pv.metadata.name}`, ''];
  }
  return undefined;
}

const restartsOf = (pod: Pod, c: Container) => pod.status?.containerStatuses?.find((s) => s.name === c.name)?.restartCount ?? 0;

/** A container's view: its mounts over its own writable layer (with what its processes have written by now). */
export function containerFilesystem(api: ApiServer, pod: Pod, c: Container): LayeredFilesystem {
  applyDueFileOps(api, pod);
  return filesystemOf(api, pod, c, restartsOf(pod, c));
}

/**
 * A container's process started: what it will do to files (touch, rm, `> file`) is kept with the
 * times it happens, and applied when someone next looks at the files after those times.
 */
export function processStarted(api: ApiServer, pod: Pod, c: Container, ops: FileOp[] | undefined, loop?: LoopState): void {
  applyDueFileOps(api, pod);
  const pending = (api.state.pendingFiles ??= {});
  const key = `${pod.metadata.uid}/${c.name}`;
  if (pending[key]) api.dirty = true;
  delete pending[key];
  // A loop that never ends writes round after round: its rounds are replayed when the files are looked at.
  const writesInLoop = loop && /[>]|\b(touch|rm|mkdir)\b/.test(loop.body);
  if (!ops?.length && !writesInLoop) return;
  const now = api.now();
  pending[key] = {
    restarts: restartsOf(pod, c),
    ops: (ops ?? []).map(({ afterMs, ...op }) => ({ ...op, at: now + afterMs })),
    ...(writesInLoop ? { loop: { state: loop, start: now, appliedTo: now - 1 } } : {}),
  };
  api.dirty = true;
}

/** A container's process ended: what it did up to now stays, what it had yet to do never happens. */
export function processStopped(api: ApiServer, pod: Pod, c: Container): void {
  applyDueFileOps(api, pod);
  const key = `${pod.metadata.uid}/${c.name}`;
  if (!api.state.pendingFiles?.[key]) return;
  delete api.state.pendingFiles[key];
  api.dirty = true;
}

/**
 * When the pod's processes next do something to a file, if they still will (rounds of loops are
 * not counted: they are applied when the files are looked at).
 */
export function nextFileOpAt(api: ApiServer, pod: Pod): number | undefined {
  const times = Object.entries(api.state.pendingFiles ?? {})
    .filter(([key, e]) => key.startsWith(`${pod.metadata.uid}/`) && e.ops.length)
    .map(([, e]) => e.ops[0].at);
  return times.length ? Math.min(...times) : undefined;
}

/** Applies what the pod's processes have done to files by now; true when there was something. */
export function applyDueFileOps(api: ApiServer, pod: Pod): boolean {
  const pending = api.state.pendingFiles;
  if (!pending) return false;
  let applied = false;
  const now = api.now();
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    const key = `${pod.metadata.uid}/${c.name}`;
    const entry = pending[key];
    if (!entry) continue;
    const due = entry.ops.filter((o) => o.at <= now);
    const loop = entry.loop && entry.loop.appliedTo < now ? entry.loop : undefined;
    const rounds = loop ? replayLoopFiles(loop.state, loop.start, loop.appliedTo, now, MAX_LOOP_ROUNDS) : [];
    if (loop) loop.appliedTo = now;
    if (!due.length && !rounds.length) continue;
    const fs = filesystemOf(api, pod, c, entry.restarts);
    for (const o of [...due, ...rounds]) fs.apply(o as TimedOp);
    entry.ops = entry.ops.slice(due.length);
    if (!entry.ops.length && !entry.loop) delete pending[key];
    api.dirty = true;
    applied = true;
  }
  return applied;
}

function filesystemOf(api: ApiServer, pod: Pod, c: Container, restarts: number): LayeredFilesystem {
  const mounts: Mount[] = [{ path: '', store: `container/${pod.metadata.uid}/${c.name}/${restarts}`, base: '', readOnly: false }];
  for (const m of c.volumeMounts ?? []) {
    const v = (pod.spec.volumes ?? []).find((x: any) => x.name === m.name);
    if (!v) continue;
    const [store, base] = backing(api, pod, v) ?? [undefined, ''];
    mounts.push({ path: join(m.mountPath).replace(/^\/$/, ''), store, base: m.subPath ? join(base, m.subPath) : base, readOnly: !!m.readOnly || !store });
  }
  return new LayeredFilesystem(api, mounts);
}

/** A node's own disk: where hostPath and local volumes keep their files. */
export function nodeFilesystem(api: ApiServer, node: string): LayeredFilesystem {
  return new LayeredFilesystem(api, [{ path: '', store: `node/${node}`, base: '', readOnly: false }]);
}

/** Mounts over a root: each path is read from and written to the innermost mount holding it. */
export class LayeredFilesystem {
  private mounts: Mount[];

  constructor(private api: ApiServer, mounts: Mount[]) {
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length);
  }

  private mountOf(path: string): Mount {
    return this.mounts.find((m) => path === m.path || path.startsWith(`${m.path}/`))!;
  }

  private locate(path: string): { mount: Mount; store?: Store; key: string } {
    const mount = this.mountOf(path);
    const key = join(mount.base, path.slice(mount.path.length));
    return { mount, store: mount.store ? stores(this.api)[mount.store] : undefined, key };
  }

  /** True when the path lies on a volume rather than the image's own files. */
  onVolume(path: string): boolean {
    return this.mountOf(path).path !== '';
  }

  read(path: string): StoredFile | undefined {
    const { store, key } = this.locate(path);
    return store?.[key];
  }

  /** Writes a file; false when the mount is read-only. */
  write(path: string, content: string, append = false, mtime = this.api.now()): boolean {
    const { mount, key } = this.locate(path);
    if (mount.readOnly || !mount.store) return false;
    const store = writable(this.api, mount.store);
    const before = append ? store[key]?.content ?? '' : '';
    store[key] = { content: before + content, mtime };
    return true;
  }

  mkdir(path: string, mtime = this.api.now()): boolean {
    const { mount, key } = this.locate(path);
    if (mount.readOnly || !mount.store) return false;
    writable(this.api, mount.store)[`${key.replace(/\/$/, '')}/`] = { content: '', mtime };
    return true;
  }

  /** Removes a file or a directory with what it holds; false when the mount is read-only. */
  remove(path: string): boolean {
    const { mount, key } = this.locate(path);
    if (mount.readOnly || !mount.store) return false;
    const store = writable(this.api, mount.store);
    const dir = `${key.replace(/\/$/, '')}/`;
    for (const k of Object.keys(store)) if (k === key || k.startsWith(dir)) delete store[k];
    return true;
  }

  /** One of a process's file operations, at the time it made it. */
  apply(o: TimedOp): void {
    if (o.op === 'write' || o.op === 'append') this.write(o.path, o.content ?? '', o.op === 'append', o.at);
    else if (o.op === 'touch') this.read(o.path) ?? this.write(o.path, '', false, o.at);
    else if (o.op === 'mkdir') this.mkdir(o.path, o.at);
    else if (o.op === 'rm') this.remove(o.path);
  }

  /** True for a directory made with mkdir (it may be empty). */
  isDir(path: string): boolean {
    const { store, key } = this.locate(path.replace(/\/$/, '') || '/');
    return !!store?.[`${key.replace(/\/$/, '')}/`];
  }

  /** Names directly inside a directory, from the layer or volume that holds it. */
  list(dir: string): string[] {
    const { store, key } = this.locate(dir.replace(/\/$/, '') || '/');
    const prefix = `${key.replace(/\/$/, '')}/`;
    const names = new Set<string>();
    for (const k of Object.keys(store ?? {})) if (k.startsWith(prefix) && k !== prefix) names.add(k.slice(prefix.length).split('/')[0]);
    return [...names];
  }
}

/** A pod is gone: its emptyDirs and its containers' writable layers go with it. */
export function forgetPodData(api: ApiServer, uid: string): void {
  for (const key of Object.keys(api.state.pendingFiles ?? {})) if (key.startsWith(`${uid}/`)) delete api.state.pendingFiles![key];
  const all = api.state.volumeData;
  if (!all) return;
  for (const key of Object.keys(all)) {
    if (key.startsWith(`emptyDir/${uid}/`) || key.startsWith(`container/${uid}/`)) {
      delete all[key];
      api.dirty = true;
    }
  }
}

/** A volume was deleted by its reclaim policy: its data is wiped wherever it lived. */
export function wipeVolumeData(api: ApiServer, pv: KObject): void {
  const all = api.state.volumeData;
  if (!all) return;
  delete all[`pv/${pv.metadata.name}`];
  const dir = (pv.spec.hostPath ?? pv.spec.local)?.path;
  if (!dir) return;
  const prefix = `${join(dir)}/`;
  for (const [key, store] of Object.entries(all)) {
    if (!key.startsWith('node/')) continue;
    for (const path of Object.keys(store)) if (path.startsWith(prefix)) delete store[path];
  }
}

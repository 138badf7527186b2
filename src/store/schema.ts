// The persisted form of one cluster. Bump SCHEMA_VERSION when the shape changes.
import type { KObject } from '../api/types.ts';

export const SCHEMA_VERSION = 1;

export interface Timer {
  at: number;
  seq: number;
  type: string;
  key: string;
}

export interface ClockState {
  /** Simulated time (ms since epoch) at the wall-clock instant `anchor`. */
  now: number;
  anchor: number;
  paused: boolean;
  speed: number;
}

export interface ClusterShape {
  workers: number;
  nodeCpu: string;
  nodeMemory: string;
}

export interface ClusterState {
  schemaVersion: number;
  name: string;
  shape: ClusterShape;
  clock: ClockState;
  rng: number;
  resourceVersion: number;
  timerSeq: number;
  /** objects[plural]["namespace/name" or "name"] */
  objects: Record<string, Record<string, KObject>>;
  timers: Timer[];
  /** Allocator cursors and other bookkeeping that is not an API object. */
  alloc: Record<string, any>;
  /** Simulated application state (e.g. health toggles) keyed by pod uid. */
  apps: Record<string, any>;
  /** The container runtime's view of each pod (kubelet bookkeeping), keyed by pod uid. */
  runtime: Record<string, PodRuntime>;
  /** Images present on each node's container runtime. */
  nodeImages: Record<string, string[]>;
  /** What containers wrote, by where it lives (see sim/volume-data.ts). */
  volumeData?: Record<string, Record<string, { content: string; mtime: number }>>;
  /** File operations containers' processes are yet to make, by `podUID/container` (see sim/volume-data.ts). */
  pendingFiles?: Record<string, { restarts: number; ops: { at: number; op: string; path: string; content?: string }[]; loop?: { state: any; start: number; appliedTo: number } }>;
  /** Open watches (`get -w` processes) and the changes they have not read yet. */
  watch?: WatchState;
}

export type ContainerStage =
  | 'Waiting'
  | 'Pulling'
  | 'PullFailed'
  | 'PullBackOff'
  | 'Starting'
  | 'ConfigError'
  | 'Running'
  | 'Exited'
  | 'CrashLoopBackOff'
  | 'Done';

export interface ContainerRuntime {
  stage: ContainerStage;
  /** A native sidecar: an init container with restartPolicy Always, running beside the containers. */
  sidecar?: boolean;
  /** A sidecar being stopped because the pod is ending. */
  stopping?: boolean;
  /** Killed for a failed liveness probe: shutting down, no more probes until it restarts. */
  killedByProbe?: boolean;
  /** The image the current (or last) process was started from; a different spec image restarts it. */
  image?: string;
  /** When the current stage ends (ms); undefined = until something else happens. */
  until?: number;
  restarts: number;
  /** Current crash back-off (ms), 0 before the first restart. */
  backoffMs: number;
  /** Back-off of retries while the container's configuration cannot be built (ms). */
  configBackoffMs?: number;
  pullBackoffMs: number;
  pullStarted?: number;
  startedAt?: number;
  exitCode?: number;
  finishedAt?: number;
  /** When the running process will exit by itself (from its command), or be killed. */
  exitAt?: number;
  /** Why it exits at exitAt when that is not its own doing (`OOMKilled`). */
  exitReason?: string;
  readyAt?: number;
  /** Probe counters (successes, failures, last result) by kind. */
  probes?: Record<string, { successes: number; failures: number; ok?: boolean }>;
  /** When the probes run next (undefined: nothing can change them now). */
  probeAt?: number;
  /** A script looping until this host name resolves (`until nslookup HOST; do ...`). */
  waitHost?: string;
  /** How long the script goes on once the name resolves. */
  afterWaitMs?: number;
}

export interface PodRuntime {
  stage: 'Admitted' | 'Sandbox' | 'Init' | 'Containers';
  until?: number;
  /** Back-off of the volume manager's mount retries (ms), while a volume's source is missing. */
  mountBackoffMs?: number;
  /** The init containers, run one after another to completion before the containers start. */
  init?: ContainerRuntime[];
  containers: ContainerRuntime[];
}

export interface WatchEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: string;
  obj: import('../api/types.ts').KObject;
}

export interface WatchState {
  /** watcher id → wall-clock expiry (ms) and the resourceVersion it has read up to */
  watchers: Record<string, { expires: number; cursor: number }>;
  log: WatchEntry[];
}

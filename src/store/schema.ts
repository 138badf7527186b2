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
}

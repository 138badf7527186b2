// Opening a cluster for one command: resolve the context, create the default cluster on first
// use, catch the simulation up to now, run the command's work, and save what changed.
import { impersonated, type UserInfo } from '../api/rbac.ts';
import { ApiServer } from '../api/server.ts';
import { err } from '../cli/io.ts';
import { CliError } from '../api/errors.ts';
import { openClusterStore, type ClusterStore } from '../store/store.ts';
import { readConfig, DEFAULT_CLUSTER, type KubesimConfig } from '../store/config.ts';
import type { ClusterState } from '../store/schema.ts';
import { wallNow, simTimeAt } from './clock.ts';
import { runUntil, settle } from './engine.ts';
import { createClusterState, nodeNames } from './bootstrap.ts';

export interface Target {
  context: string;
  cluster: string;
  namespace: string;
  config: KubesimConfig;
  /** Who the requests come from when --as impersonates someone (otherwise the cluster's admin). */
  user?: UserInfo;
}

export function resolveTarget(opts: { context?: string; namespace?: string; as?: string; asGroup?: string[] }): Target {
  const config = readConfig();
  const context = opts.context || config.currentContext;
  const entry = config.contexts[context];
  if (!entry) {
    if (opts.context) throw new CliError(`context was not found for specified context: ${opts.context}`);
    throw new CliError(`current-context "${context}" does not exist; use 'kubesim config use-context NAME' or 'kubesim cluster create NAME'`);
  }
  if (opts.asGroup?.length && !opts.as) throw new CliError('Requesting uid, groups or user-extra for "kubernetes-admin" without impersonating a user');
  const user = opts.as ? impersonated(opts.as, opts.asGroup) : undefined;
  return { context, cluster: entry.cluster, namespace: opts.namespace || entry.namespace || 'default', config, ...(user ? { user } : {}) };
}

export const DEFAULT_CLUSTER_SHAPE = { workers: 2, nodeCpu: '2', nodeMemory: '4Gi' };

function ensureCluster(store: ClusterStore, cluster: string): void {
  if (store.exists()) return;
  if (cluster !== DEFAULT_CLUSTER) {
    throw new CliError(`cluster "${cluster}" does not exist; create it with 'kubesim cluster create ${cluster}'`);
  }
  const state = createClusterState({ name: cluster, ...DEFAULT_CLUSTER_SHAPE, wall: wallNow() });
  store.write(state);
  err(
    `kubesim: created the default cluster "${cluster}" (${nodeNames(DEFAULT_CLUSTER_SHAPE.workers).join(', ')}) in ${store.path}\n`,
  );
}

/** Loads a cluster, catches its simulation up to the wall clock, and hands its API server to fn. */
export function withCluster<T>(cluster: string, fn: (api: ApiServer) => T, opts: { extraMs?: number } = {}): T {
  const store = openClusterStore(cluster);
  return store.locked(() => {
    ensureCluster(store, cluster);
    const state = store.read();
    const result = runOnState(state, fn, opts.extraMs ?? 0);
    if (result.dirty) store.write(state);
    return result.value;
  });
}

/** Forgets watchers that stopped polling (killed without saying goodbye) and changes all have read. */
function pruneWatches(state: ClusterState, wall: number): void {
  const w = state.watch;
  if (!w) return;
  for (const [id, x] of Object.entries(w.watchers)) if (x.expires < wall) delete w.watchers[id];
  const cursors = Object.values(w.watchers).map((x) => x.cursor);
  if (!cursors.length) {
    delete state.watch;
    return;
  }
  const min = Math.min(...cursors);
  w.log = w.log.filter((e) => e.rv > min);
}

function runOnState<T>(state: ClusterState, fn: (api: ApiServer) => T, extraMs: number) {
  const wall = wallNow();
  pruneWatches(state, wall);
  const api = new ApiServer(state, state.clock.now);
  runUntil(api, simTimeAt(state.clock, wall) + extraMs);
  const value = fn(api);
  settle(api);
  if (api.dirty || extraMs) {
    state.clock.now = api.nowMs;
    state.clock.anchor = wall;
    api.finish();
  }
  return { value, dirty: api.dirty || extraMs > 0 };
}

// Persistence behind a small interface: one file per cluster, read and written under a lock.
import { existsSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { DataFileSync } from 'lowdb/node';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { CliError } from '../api/errors.ts';
import { withFileLock } from './lock.ts';
import { SCHEMA_VERSION, type ClusterState } from './schema.ts';

export interface ClusterStore {
  readonly path: string;
  exists(): boolean;
  read(): ClusterState;
  write(state: ClusterState): void;
  remove(): void;
  /** Runs fn while holding the cluster's cross-process lock. */
  locked<T>(fn: () => T): T;
}

export function kubesimHome(): string {
  return process.env.KUBESIM_HOME || join(homedir(), '.kubesim');
}

export function clustersDir(): string {
  return join(kubesimHome(), 'clusters');
}

export function listClusterNames(): string[] {
  try {
    return readdirSync(clustersDir())
      .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/** The default store: a compact JSON file through lowdb, replaced atomically (temp file + rename). */
class LowdbClusterStore implements ClusterStore {
  private file: DataFileSync<ClusterState>;

  constructor(public readonly path: string) {
    this.file = new DataFileSync<ClusterState>(path, { parse: JSON.parse, stringify: (s) => JSON.stringify(s) });
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  read(): ClusterState {
    let state: ClusterState | null;
    try {
      state = this.file.read();
    } catch (e: any) {
      throw new CliError(
        `cannot read the cluster state in ${this.path}: ${e.message}; the file was left as it is (move it away, or run 'kubesim cluster reset' to start over)`,
      );
    }
    if (!state || typeof state !== 'object' || typeof state.schemaVersion !== 'number' || !state.objects) {
      throw new CliError(
        `cannot read the cluster state in ${this.path}: not a kubesim state file; the file was left as it is (move it away, or run 'kubesim cluster reset' to start over)`,
      );
    }
    if (state.schemaVersion > SCHEMA_VERSION) {
      throw new CliError(
        `the cluster state in ${this.path} has schema version ${state.schemaVersion}, newer than this kubesim understands (${SCHEMA_VERSION}); upgrade kubesim`,
      );
    }
    state.runtime ??= {};
    state.nodeImages ??= {};
    state.apps ??= {};
    return state;
  }

  write(state: ClusterState): void {
    mkdirSync(clustersDir(), { recursive: true });
    this.file.write(state);
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }

  locked<T>(fn: () => T): T {
    mkdirSync(clustersDir(), { recursive: true });
    return withFileLock(this.path, fn);
  }
}

export function openClusterStore(name: string): ClusterStore {
  return new LowdbClusterStore(join(clustersDir(), `${name}.json`));
}

// kubeconfig for simulated clusters: contexts, the current one and each one's namespace.
import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { kubesimHome } from './store.ts';
import { withFileLock } from './lock.ts';
import { CliError } from '../api/errors.ts';

export interface ContextEntry {
  cluster: string;
  user: string;
  namespace?: string;
}

export interface KubesimConfig {
  currentContext: string;
  contexts: Record<string, ContextEntry>;
}

export const DEFAULT_CLUSTER = 'kubernetes';
export const DEFAULT_CONTEXT = 'kubernetes-admin@kubernetes';

const configPath = () => join(kubesimHome(), 'config.json');

function defaultConfig(): KubesimConfig {
  return {
    currentContext: DEFAULT_CONTEXT,
    contexts: { [DEFAULT_CONTEXT]: { cluster: DEFAULT_CLUSTER, user: 'kubernetes-admin' } },
  };
}

export function readConfig(): KubesimConfig {
  let text: string;
  try {
    text = readFileSync(configPath(), 'utf8');
  } catch {
    return defaultConfig();
  }
  try {
    const c = JSON.parse(text);
    if (!c || typeof c.contexts !== 'object') throw new Error('missing contexts');
    return c;
  } catch (e: any) {
    throw new CliError(`cannot read ${configPath()}: ${e.message}; the file was left as it is`);
  }
}

/** Read-modify-write of the config under its lock. */
export function updateConfig<T>(fn: (c: KubesimConfig) => T): T {
  mkdirSync(kubesimHome(), { recursive: true });
  return withFileLock(configPath(), () => {
    const c = readConfig();
    const result = fn(c);
    const tmp = `${configPath()}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(c, null, 2) + '\n');
    renameSync(tmp, configPath());
    return result;
  });
}

export function contextNameForCluster(cluster: string): string {
  return cluster === DEFAULT_CLUSTER ? DEFAULT_CONTEXT : cluster;
}

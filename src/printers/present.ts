// What the server returns for an object at read time: status that the kubelet keeps fresh
// (node heartbeats) is derived from the clock instead of being stored every 10 seconds.
import type { KObject, Node } from '../api/types.ts';
import { parseTime, rfc3339 } from '../util/time.ts';

export const NODE_STATUS_REPORT_MS = 5 * 60 * 1000;
export const LEASE_RENEW_MS = 10 * 1000;

/** The last instant at or before `now` on the grid `start + k*period`. */
export function lastTick(start: number, period: number, now: number): number {
  return now < start ? start : start + Math.floor((now - start) / period) * period;
}

export function present(obj: KObject, now: number): KObject {
  if (obj.kind !== 'Node') return obj;
  const node = structuredClone(obj) as Node;
  if (node.metadata.annotations?.['kubesim.io/kubelet-stopped']) return node;
  for (const c of node.status.conditions ?? []) {
    const since = parseTime(c.lastHeartbeatTime) ?? now;
    c.lastHeartbeatTime = rfc3339(lastTick(since, NODE_STATUS_REPORT_MS, now));
  }
  return node;
}

// The rolling-update arithmetic of pkg/controller/deployment/util, as pure functions.

export type IntOrPercent = number | string | undefined;

/** intstr.GetScaledValueFromIntOrPercent */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 → unavailable 1. */
export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, replicas: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? '25%', replicas, true);
  let unavailable = scaledValue(maxUnavailable ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export interface RSView {
  name: string;
  /** spec.replicas */
  replicas: number;
  /** status.availableReplicas */
  available: number;
}

/** NewRSNewReplicas for RollingUpdate: how big the new replica set may be now. */
export function newRSNewReplicas(desired: number, surge: number, newRS: RSView, all: RSView[]): number {
  if (newRS.replicas === desired) return desired;
  if (newRS.replicas > desired) return desired;
  const total = all.reduce((s, r) => s + r.replicas, 0);
  const maxTotal = desired + surge;
  if (total >= maxTotal) return newRS.replicas;
  const scaleUp = Math.min(maxTotal - total, desired - newRS.replicas);
  return newRS.replicas + scaleUp;
}

/**
 * reconcileOldReplicaSets: the new sizes of the old replica sets (oldest first), first removing
 * unhealthy old replicas, then scaling down while availability stays at or above the minimum.
 */
export function scaleDownOld(desired: number, unavailable: number, newRS: RSView, old: RSView[]): number[] {
  const sizes = old.map((r) => r.replicas);
  const all = [newRS, ...old];
  const oldTotal = sizes.reduce((a, b) => a + b, 0);
  if (oldTotal === 0) return sizes;
  const total = all.reduce((s, r) => s + r.replicas, 0);
  const minAvailable = desired - unavailable;
  const newUnavailable = newRS.replicas - newRS.available;
  const maxScaledDown = total - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return sizes;
  // a) unhealthy replicas of old sets go first
  let cleaned = 0;
  for (let i = 0; i < old.length && cleaned < maxScaledDown; i++) {
    const unhealthy = sizes[i] - old[i].available;
    if (unhealthy <= 0) continue;
    const cut = Math.min(unhealthy, maxScaledDown - cleaned);
    sizes[i] -= cut;
    cleaned += cut;
  }
  // b) then available ones, as long as the total available stays above the minimum
  const availableTotal = newRS.available + old.reduce((s, r, i) => s + Math.min(r.available, sizes[i]), 0);
  let canScale = Math.min(availableTotal - minAvailable, maxScaledDown - cleaned);
  for (let i = 0; i < old.length && canScale > 0; i++) {
    const cut = Math.min(sizes[i], canScale);
    sizes[i] -= cut;
    canScale -= cut;
  }
  return sizes;
}

/**
 * Proportional scaling while a rollout is in progress: distributes a change of
 * deployment.spec.replicas over the active replica sets by their share (getProportion).
 */
export function proportionalSizes(sets: { replicas: number; maxReplicasAnnotation?: number }[], newTotal: number, oldTotalAllowed: number): number[] {
  const current = sets.reduce((s, r) => s + r.replicas, 0);
  const toAdd = newTotal - current;
  if (toAdd === 0 || current === 0) return sets.map((s) => s.replicas);
  const sizes = sets.map((s) => s.replicas);
  let added = 0;
  for (let i = 0; i < sets.length; i++) {
    const fraction = oldTotalAllowed > 0 ? (sets[i].replicas * newTotal) / oldTotalAllowed - sets[i].replicas : 0;
    let delta = Math.round(fraction);
    if (Math.abs(added + delta) > Math.abs(toAdd)) delta = toAdd - added;
    sizes[i] = Math.max(0, sizes[i] + delta);
    added += delta;
  }
  if (added !== toAdd) {
    // the leftover goes to the largest set (the newest on ties), as the controller does
    let idx = 0;
    for (let i = 1; i < sizes.length; i++) if (sizes[i] >= sizes[idx]) idx = i;
    sizes[idx] = Math.max(0, sizes[idx] + toAdd - added);
  }
  return sizes;
}

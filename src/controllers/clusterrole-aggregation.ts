// The clusterrole-aggregation-controller: a ClusterRole with an aggregationRule holds the rules of
// every other ClusterRole its selectors match (admin ← edit ← view, and roles users label to join them).
import type { Controller } from './controller.ts';
import type { KObject } from '../api/types.ts';
import { aggregatedRules } from '../api/rbac.ts';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.ts';
import { isDeepStrictEqual } from 'node:util';

export const clusterRoleAggregation: Controller = {
  name: 'clusterrole-aggregation-controller',
  watches: ['clusterroles'],
  reconcile(api) {
    const all = api.list('clusterroles');
    for (const role of all.filter((r) => (r as any).aggregationRule)) {
      const rules = aggregatedRules(role, all, (selector, labels) => matchesLabels(labelSelectorFromObject(selector), labels));
      const current = (role as any).rules ?? [];
      if (isDeepStrictEqual(current, rules)) continue;
      const copy = structuredClone(role) as KObject & { rules: unknown };
      copy.rules = rules;
      api.update(copy);
    }
  },
};

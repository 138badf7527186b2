// Authorization of the requests a verb makes, when --as impersonates someone: the cluster's RBAC
// decides, and a denied request fails with the API server's Forbidden error. Without --as the
// requests come from the cluster's admin (cluster-admin through kubeadm:cluster-admins).
import { ApiError } from '../api/errors.ts';
import type { ApiServer } from '../api/server.ts';
import type { ResourceType } from '../api/resources.ts';
import { authorize, forbiddenMessage, type Attributes } from '../api/rbac.ts';
import type { Target } from '../sim/session.ts';

/** Throws Forbidden unless the target's user may make the request. */
export function checkAccess(api: ApiServer, target: Target, a: Attributes): void {
  if (!target.user) return;
  const { allowed, reason } = authorize(api, target.user, a);
  if (!allowed) throw new ApiError('Forbidden', forbiddenMessage(target.user, a, reason));
}

/** The attributes of a request on a resource type (namespace left out for cluster-scoped types). */
export function attributesFor(type: ResourceType, verb: string, namespace: string | undefined, name?: string, subresource?: string): Attributes {
  return { verb, group: type.group, resource: type.plural, ...(type.namespaced && namespace ? { namespace } : {}), ...(name ? { name } : {}), ...(subresource ? { subresource } : {}) };
}

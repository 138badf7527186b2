// Background cascading deletion: when an owner goes, its dependents are deleted.
import type { Controller } from './controller.ts';
import { RESOURCE_TYPES } from '../api/resources.ts';

export const garbageCollector: Controller = {
  name: 'garbage-collector',
  watches: RESOURCE_TYPES.map((r) => r.plural).filter((p) => p !== 'events'),
  reconcile(api, changes) {
    const gone = new Set(changes.filter((c) => c.type === 'DELETED').map((c) => c.obj.metadata.uid!));
    for (const uid of gone) {
      for (const obj of api.dependents(uid)) {
        const refs = obj.metadata.ownerReferences ?? [];
        if (obj.metadata.deletionTimestamp) continue;
        const controller = refs.find((ref) => ref.controller);
        const orphaned = controller ? gone.has(controller.uid) : refs.every((ref) => gone.has(ref.uid));
        if (orphaned) api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name);
      }
    }
  },
};

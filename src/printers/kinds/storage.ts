// PersistentVolumes, PersistentVolumeClaims and StorageClasses (printPersistentVolume,
// printPersistentVolumeClaim, printStorageClass).
import type { KindPrinter } from './kind-printer.ts';
import { age } from './kind-printer.ts';
import type { KObject } from '../../api/types.ts';

const MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** helper.GetAccessModesAsString: the abbreviations, in that fixed order, without repeats. */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  return Object.keys(MODES)
    .filter((m) => set.has(m))
    .map((m) => MODES[m])
    .join(',');
}

const phaseOf = (o: KObject) => (o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase ?? '');
const volumeAttributesClass = (o: KObject) => o.spec?.volumeAttributesClassName ?? '<unset>';
const volumeMode = (o: KObject) => o.spec?.volumeMode ?? '<unset>';

export const persistentVolumePrinter: KindPrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'CAPACITY' },
    { name: 'ACCESS MODES' },
    { name: 'RECLAIM POLICY' },
    { name: 'STATUS' },
    { name: 'CLAIM' },
    { name: 'STORAGECLASS' },
    { name: 'VOLUMEATTRIBUTESCLASS' },
    { name: 'REASON' },
    { name: 'AGE' },
    { name: 'VOLUMEMODE', wide: true },
  ],
  cells: (o, ctx) => {
    const ref = o.spec?.claimRef;
    return [
      o.metadata.name,
      o.spec?.capacity?.storage ?? '',
      accessModes(o.spec?.accessModes),
      o.spec?.persistentVolumeReclaimPolicy ?? '',
      phaseOf(o),
      ref ? `${ref.namespace}/${ref.name}` : '',
      o.spec?.storageClassName ?? '',
      volumeAttributesClass(o),
      o.status?.reason ?? '',
      age(o, ctx),
      volumeMode(o),
    ];
  },
};

export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'STATUS' },
    { name: 'VOLUME' },
    { name: 'CAPACITY' },
    { name: 'ACCESS MODES' },
    { name: 'STORAGECLASS' },
    { name: 'VOLUMEATTRIBUTESCLASS' },
    { name: 'AGE' },
    { name: 'VOLUMEMODE', wide: true },
  ],
  cells: (o, ctx) => {
    const bound = !!o.spec?.volumeName;
    return [
      o.metadata.name,
      phaseOf(o),
      o.spec?.volumeName ?? '',
      bound ? o.status?.capacity?.storage ?? '' : '',
      bound ? accessModes(o.status?.accessModes) : '',
      o.spec?.storageClassName ?? '',
      volumeAttributesClass(o),
      age(o, ctx),
      volumeMode(o),
    ];
  },
};

export const isDefaultClass = (o: KObject) => o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';

export const storageClassPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'PROVISIONER' }, { name: 'RECLAIMPOLICY' }, { name: 'VOLUMEBINDINGMODE' }, { name: 'ALLOWVOLUMEEXPANSION' }, { name: 'AGE' }],
  cells: (o, ctx) => [
    isDefaultClass(o) ? `${o.metadata.name} (default)` : o.metadata.name,
    o.provisioner ?? '',
    o.reclaimPolicy ?? 'Delete',
    o.volumeBindingMode ?? 'Immediate',
    o.allowVolumeExpansion === undefined ? 'false' : String(o.allowVolumeExpansion),
    age(o, ctx),
  ],
};

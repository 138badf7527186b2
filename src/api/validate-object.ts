// Server-side validation of an object before it is stored: the causes of an Invalid error.
import type { FieldError } from './errors.ts';
import type { KObject } from './types.ts';
import { nameFieldErrors, labelFieldErrors, type NameRule } from './validation.ts';

const NAME_RULES: Record<string, NameRule> = {
  Namespace: 'label',
  Service: 'dns1035',
};

export function validateObject(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nameFieldErrors(obj.metadata.name, NAME_RULES[obj.kind] ?? 'subdomain'));
  errs.push(...labelFieldErrors(obj.metadata.labels, 'metadata.labels'));
  return errs;
}

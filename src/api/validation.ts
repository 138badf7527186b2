// Name and label validation with apimachinery's exact messages.
import type { FieldError } from './errors.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const regexError = (msg: string, regex: string, ...examples: string[]) =>
  `${msg} (e.g. ${examples.map((e, i) => (i ? ' or ' : '') + `'${e}', `).join('')}regex used for validation is '${regex}')`;

export const MSG_SUBDOMAIN = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*',
  'example.com',
);
export const MSG_LABEL = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  '[a-z0-9]([-a-z0-9]*[a-z0-9])?',
  'my-name',
  '123-abc',
);
export const MSG_DNS1035 = regexError(
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  '[a-z]([-a-z0-9]*[a-z0-9])?',
  'my-name',
  'abc-123',
);
export const MSG_LABEL_VALUE = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?',
  'MyValue',
  'my_value',
  '12345',
);
const MSG_QUALIFIED = regexError(
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]',
  'MyName',
  'my.name',
  '123-abc',
);

/** `path`: a path segment (RBAC objects: `system:...` names are fine). */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path';

/** Messages for an invalid object name (empty list when valid). */
export function validateName(name: string, rule: NameRule): string[] {
  const errs: string[] = [];
  if (rule === 'path') {
    if (name === '.' || name === '..') errs.push(`may not be '${name}'`);
    for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
    return errs;
  }
  if (rule === 'subdomain') {
    if (name.length > 253) errs.push('must be no more than 253 characters');
    if (!DNS1123_SUBDOMAIN.test(name)) errs.push(MSG_SUBDOMAIN);
  } else {
    if (name.length > 63) errs.push('must be no more than 63 characters');
    if (rule === 'label' && !DNS1123_LABEL.test(name)) {
      errs.push(DNS1123_SUBDOMAIN.test(name) ? 'must not contain dots' : MSG_LABEL);
    }
    if (rule === 'dns1035' && !DNS1035_LABEL.test(name)) errs.push(MSG_DNS1035);
  }
  return errs;
}

export function nameFieldErrors(name: string, rule: NameRule, field = 'metadata.name'): FieldError[] {
  if (!name) return [{ field, type: 'Required value', detail: 'name or generateName is required' }];
  return validateName(name, rule).map((detail) => ({ field, type: 'Invalid value', value: name, detail }));
}

/** Label key (qualified name with optional DNS subdomain prefix) and value checks. */
export function labelFieldErrors(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const detail of validateLabelKey(k)) errs.push({ field, type: 'Invalid value', value: k, detail });
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
      errs.push({
        field: `${field}`,
        type: 'Invalid value',
        value: v,
        detail: v.length > 63 ? 'must be no more than 63 characters' : MSG_LABEL_VALUE,
      });
    }
  }
  return errs;
}

export function validateLabelKey(key: string): string[] {
  const parts = key.split('/');
  let name = key;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (!prefix) errs.push('prefix part must be non-empty');
    else if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push(`prefix part ${MSG_SUBDOMAIN}`);
  } else if (parts.length > 2) {
    return [
      `a qualified name ${regexError(
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]',
        'MyName',
        'my.name',
        '123-abc',
      )} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  else if (!QUALIFIED_NAME.test(name)) errs.push(MSG_QUALIFIED);
  return errs;
}

export function isValidLabelValue(v: string): boolean {
  return v.length <= 63 && LABEL_VALUE.test(v);
}

import { CliError } from '../../api/errors.ts';
import { validateLabelKey, isValidLabelValue, MSG_LABEL_VALUE } from '../../api/validation.ts';

/** `a=b,c=d` as kubectl's --labels flag takes it. */
export function parseKeyValues(s: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new CliError(`invalid label spec: ${part}`);
    const k = part.slice(0, i);
    const v = part.slice(i + 1);
    const keyErrs = validateLabelKey(k);
    if (keyErrs.length) throw new CliError(`invalid label key "${k}": ${keyErrs.join('; ')}`);
    if (what === 'labels' && !isValidLabelValue(v)) throw new CliError(`invalid label value: "${part}": ${MSG_LABEL_VALUE}`);
    out[k] = v;
  }
  return out;
}

// describe configmap / secret / serviceaccount.
import { DescribeWriter, writeEvents } from './writer.ts';
import type { EventObject, KObject } from '../../api/types.ts';

const HIDDEN = ['kubectl.kubernetes.io/last-applied-configuration'];
const sortedKeys = (m: Record<string, unknown> | undefined) => Object.keys(m ?? {}).sort();

function header(w: DescribeWriter, o: KObject): void {
  w.line(0, 'Name', o.metadata.name);
  w.line(0, 'Namespace', o.metadata.namespace ?? '');
  w.map(0, 'Labels', o.metadata.labels, '=');
  w.map(0, 'Annotations', o.metadata.annotations, ': ', HIDDEN);
}

export function describeConfigMap(cm: KObject, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  header(w, cm);
  w.write(0, '\nData\n====\n');
  for (const k of sortedKeys(cm.data)) w.write(0, `${k}:\n----\n${cm.data[k]}\n\n`);
  w.write(0, '\nBinaryData\n====\n');
  for (const k of sortedKeys(cm.binaryData)) w.write(0, `${k}: ${Buffer.from(cm.binaryData[k], 'base64').length} bytes\n`);
  w.write(0, '\n');
  writeEvents(w, events, now);
  return w.toString();
}

export function describeSecret(secret: KObject): string {
  const w = new DescribeWriter();
  header(w, secret);
  w.write(0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const k of sortedKeys(secret.data)) {
    const bytes = Buffer.from(secret.data[k], 'base64');
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${bytes.toString('utf8')}\n`);
    else w.write(0, `${k}:\t${bytes.length} bytes\n`);
  }
  return w.toString();
}

const SA_HEADERS = ['Image pull secrets:', 'Mountable secrets: ', 'Tokens:            '];

export function describeServiceAccount(sa: KObject, secretNames: string[], tokens: string[], events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  header(w, sa);
  const lists: Record<string, string[]> = {
    [SA_HEADERS[0]]: (sa.imagePullSecrets ?? []).map((s: any) => s.name + (secretNames.includes(s.name) ? '' : ' (not found)')),
    [SA_HEADERS[1]]: (sa.secrets ?? []).map((s: any) => s.name + (secretNames.includes(s.name) ? '' : ' (not found)')),
    [SA_HEADERS[2]]: tokens,
  };
  for (const h of SA_HEADERS) {
    const names = lists[h];
    if (!names.length) {
      w.write(0, `${h}\t<none>\n`);
      continue;
    }
    names.forEach((n, i) => w.write(0, i === 0 ? `${h}\t${n}\n` : `${' '.repeat(19)}\t${n}\n`));
  }
  writeEvents(w, events, now);
  return w.toString();
}

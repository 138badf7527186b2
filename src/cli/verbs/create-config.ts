// kubectl create configmap | secret generic|tls|docker-registry | serviceaccount, with kubectl's
// data sources (--from-literal, --from-file, --from-env-file) and their errors.
import type { Command } from 'commander';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CliError, UsageError } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import { MSG_CONFIG_KEY } from '../../api/validate-object.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { addDryRunOptions } from './mutation-output.ts';
import { submitTyped } from './create.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const MSG_ENV_NAME = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

interface Sources {
  fromLiteral?: string[];
  fromFile?: string[];
  fromEnvFile?: string[];
}

/** One value of a data source: text, or bytes that are not UTF-8 (binaryData for a ConfigMap). */
interface Entry {
  key: string;
  bytes: Buffer;
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new CliError(`error reading ${path}: no such file or directory`);
  }
}

const isUtf8 = (b: Buffer) => Buffer.from(b.toString('utf8'), 'utf8').equals(b);

/** --from-file: FILE, KEY=FILE or DIR (each regular file a key, not recursive). */
function fileEntries(spec: string): Entry[] {
  const parts = spec.split('=');
  if (parts.length > 2) throw new CliError("key names or file paths cannot contain '='");
  const [key, path] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (parts.length === 2 && !key) throw new CliError(`key name for file path ${path} missing`);
  if (parts.length === 2 && !path) throw new CliError(`file path for key name ${key} missing`);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliError(`error reading ${path}: no such file or directory`);
  }
  if (st.isDirectory()) {
    if (key) throw new CliError('cannot give a key name for a directory path');
    return readdirSync(path)
      .sort()
      .filter((f) => statSync(join(path, f)).isFile())
      .map((f) => ({ key: f, bytes: readBytes(join(path, f)) }));
  }
  return [{ key: key ?? basename(path), bytes: readBytes(path) }];
}

/** --from-env-file: KEY=VALUE lines; comments and blank lines skipped; a bare KEY takes our own environment's value. */
function envFileEntries(path: string): Entry[] {
  const text = readBytes(path);
  const out: Entry[] = [];
  text
    .toString('latin1')
    .split('\n')
    .forEach((raw, i) => {
      const lineBytes = Buffer.from(raw, 'latin1');
      if (!isUtf8(lineBytes)) throw new CliError(`env file ${path} contains invalid utf8 bytes at line ${i + 1}: [${[...lineBytes].join(' ')}]`);
      const line = lineBytes.toString('utf8').replace(/\r$/, '').replace(/^\s+/, '');
      if (!line || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!ENV_NAME.test(key)) throw new CliError(`"${key}" is not a valid key name: ${MSG_ENV_NAME}`);
      const value = eq < 0 ? process.env[key] ?? '' : line.slice(eq + 1);
      out.push({ key, bytes: Buffer.from(value, 'utf8') });
    });
  return out;
}

function literalEntry(spec: string): Entry {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new CliError(`invalid literal source ${spec}, expected key=value`);
  return { key: spec.slice(0, eq), bytes: Buffer.from(spec.slice(eq + 1), 'utf8') };
}

/** All entries of the data sources, in kubectl's order: files, then literals (or the env files alone). */
function entriesOf(o: Sources): Entry[] {
  if (o.fromEnvFile?.length && (o.fromFile?.length || o.fromLiteral?.length)) throw new CliError('from-env-file cannot be combined with from-file or from-literal');
  if (o.fromEnvFile?.length) return o.fromEnvFile.flatMap(envFileEntries);
  return [...(o.fromFile ?? []).flatMap(fileEntries), ...(o.fromLiteral ?? []).map(literalEntry)];
}

function addSourceOptions(cmd: Command, what: string): Command {
  return cmd
    .option('--from-file <source>', `Key file can be specified using its file path, in which case file basename will be used as ${what} key, or optionally with a key and file path, in which case the given key will be used.`, collect)
    .option('--from-literal <pair>', `Specify a key and literal value to insert in ${what} (i.e. mykey=somevalue)`, collect)
    .option('--from-env-file <file>', `Specify the path to a file to read lines of key=val pairs to create a ${what}.`, collect)
    .option('--append-hash', `Append a hash of the ${what} to its name.`);
}

/** Go's encoding/json writes map keys sorted (struct fields keep their order). */
const sortedMap = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function oneName(names: string[], path: string): string {
  if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, `${PROGRAM} create ${path}`);
  return names[0];
}

/** kubectl's --append-hash: a 10-character hash of the object's content, as hash.ConfigMapHash computes it in shape. */
function contentHash(obj: unknown): string {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(JSON.stringify(obj), 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 10; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.imul(h ^ (i + 1), 0x01000193) >>> 0;
  }
  return out;
}

export function configMapFor(name: string, o: Sources): KObject {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const e of entriesOf(o)) {
    if (!CONFIG_KEY.test(e.key)) throw new CliError(`"${e.key}" is not a valid key name for a ConfigMap: ${MSG_CONFIG_KEY}`);
    if (e.key in data || e.key in binaryData) throw new CliError(`cannot add key "${e.key}", another key by that name already exists in Data for ConfigMap "${name}"`);
    if (isUtf8(e.bytes)) data[e.key] = e.bytes.toString('utf8');
    else binaryData[e.key] = e.bytes.toString('base64');
  }
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null as any },
    ...(Object.keys(data).length ? { data: sortedMap(data) } : {}),
    ...(Object.keys(binaryData).length ? { binaryData: sortedMap(binaryData) } : {}),
  };
}

export function secretFor(name: string, o: Sources, type?: string): KObject {
  const data: Record<string, string> = {};
  for (const e of entriesOf(o)) {
    if (!CONFIG_KEY.test(e.key)) throw new CliError(`"${e.key}" is not valid key name for a Secret ${MSG_CONFIG_KEY}`);
    if (e.key in data) throw new CliError(`cannot add key ${e.key}, another key by that name already exists`);
    data[e.key] = e.bytes.toString('base64');
  }
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null as any },
    ...(Object.keys(data).length ? { data: sortedMap(data) } : {}),
    ...(type ? { type } : {}),
  };
}

function withHash(obj: KObject, append: boolean): KObject {
  if (!append) return obj;
  return { ...obj, metadata: { ...obj.metadata, name: `${obj.metadata.name}-${contentHash({ data: obj.data, binaryData: obj.binaryData, type: obj.type })}` } };
}

export function registerCreateConfig(create: Command): void {
  const cm = addSourceOptions(
    create.command('configmap').alias('cm').summary('Create a config map from a local file, directory or literal value').description('Create a config map based on a file, directory, or specified literal value.').usage('NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]').argument('[name...]'),
    'configmap',
  );
  addDryRunOptions(cm).action((names: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    const name = oneName(names, 'configmap');
    submitTyped(o, 'configmap', withHash(configMapFor(name, o), !!o.appendHash));
  });

  const secret = create.command('secret').summary('Create a secret using a specified subcommand').description('Create a secret with specified type.');
  const generic = addSourceOptions(
    secret.command('generic').summary('Create a secret from a local file, directory, or literal value').description('Create a secret based on a file, directory, or specified literal value.').usage('NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]').argument('[name...]').option('--type <type>', 'The type of secret to create'),
    'secret',
  );
  addDryRunOptions(generic).action((names: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    const name = oneName(names, 'secret generic');
    submitTyped(o, 'secret', withHash(secretFor(name, o, o.type), !!o.appendHash));
  });

  const tls = secret
    .command('tls')
    .summary('Create a TLS secret')
    .description('Create a TLS secret from the given public/private key pair.')
    .usage('NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]')
    .argument('[name...]')
    .option('--cert <path>', 'Path to PEM encoded public key certificate.')
    .option('--key <path>', 'Path to private key associated with given certificate.')
    .option('--append-hash', 'Append a hash of the secret to its name.');
  addDryRunOptions(tls).action((names: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    const name = oneName(names, 'secret tls');
    if (!o.cert || !o.key) throw new CliError('key and cert must be specified');
    const read = (p: string) => {
      try {
        return readFileSync(p);
      } catch {
        throw new CliError(`Cannot read file ${p}, open ${p}: no such file or directory`);
      }
    };
    const cert = read(o.cert);
    const key = read(o.key);
    if (!cert.toString('utf8').includes('-----BEGIN ')) throw new CliError('tls: failed to find any PEM data in certificate input');
    if (!key.toString('utf8').includes('-----BEGIN ')) throw new CliError('tls: failed to find any PEM data in key input');
    const obj: KObject = { kind: 'Secret', apiVersion: 'v1', metadata: { name, creationTimestamp: null as any }, data: { 'tls.crt': cert.toString('base64'), 'tls.key': key.toString('base64') }, type: 'kubernetes.io/tls' };
    submitTyped(o, 'secret', withHash(obj, !!o.appendHash));
  });

  const registry = secret
    .command('docker-registry')
    .summary('Create a secret for use with a Docker registry')
    .description('Create a new secret for use with Docker registries.')
    .usage('NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]')
    .argument('[name...]')
    .option('--docker-server <server>', 'Server location for Docker registry', 'https://index.docker.io/v1/')
    .option('--docker-username <user>', 'Username for Docker registry authentication')
    .option('--docker-password <password>', 'Password for Docker registry authentication')
    .option('--docker-email <email>', 'Email for Docker registry')
    .option('--from-file <source>', 'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used.', collect)
    .option('--append-hash', 'Append a hash of the secret to its name.');
  addDryRunOptions(registry).action((names: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    const name = oneName(names, 'secret docker-registry');
    let config: Buffer;
    if (o.fromFile?.length) {
      config = fileEntries(o.fromFile[0].includes('=') ? o.fromFile[0] : `.dockerconfigjson=${o.fromFile[0]}`)[0].bytes;
    } else {
      if (!o.dockerUsername || !o.dockerPassword) {
        throw new CliError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
      }
      const entry: Record<string, string> = { username: o.dockerUsername, password: o.dockerPassword, ...(o.dockerEmail ? { email: o.dockerEmail } : {}), auth: Buffer.from(`${o.dockerUsername}:${o.dockerPassword}`).toString('base64') };
      config = Buffer.from(JSON.stringify({ auths: { [o.dockerServer]: entry } }), 'utf8');
    }
    const obj: KObject = { kind: 'Secret', apiVersion: 'v1', metadata: { name, creationTimestamp: null as any }, data: { '.dockerconfigjson': config.toString('base64') }, type: 'kubernetes.io/dockerconfigjson' };
    submitTyped(o, 'secret', withHash(obj, !!o.appendHash));
  });

  const sa = create
    .command('serviceaccount')
    .alias('sa')
    .summary('Create a service account with the specified name')
    .description('Create a service account with the specified name.')
    .usage('NAME [--dry-run=server|client|none] [options]')
    .argument('[name...]');
  addDryRunOptions(sa).action((names: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    const name = oneName(names, 'serviceaccount');
    submitTyped(o, 'serviceaccount', { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name, creationTimestamp: null as any } });
  });
}

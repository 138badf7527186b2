// Practice labs are data: one YAML file each in fixtures/labs/, read here. A lab says how to set up
// its cluster (manifests and kubesim commands, faults included), what to ask, how to check the
// result (state-based checks, see checks.ts), hints, and a reference solution in kubectl commands.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../api/errors.ts';
import { yamlLib } from '../printers/serialize.ts';

export const DOMAINS = ['Workloads', 'Networking', 'Storage', 'Security', 'Troubleshooting', 'Maintenance', 'Output'] as const;
export type Domain = (typeof DOMAINS)[number];
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** One setup step: manifests to apply, or a kubesim command line (e.g. `sim advance 30s`). */
export type SetupStep = { apply: string } | { run: string };

/** What a value found by a check must be (exactly one of these). */
export interface Expectation {
  equals?: string | number | boolean;
  matches?: string;
  in?: (string | number)[];
  contains?: string;
  gte?: number;
  lte?: number;
  /** The path finds nothing (or an empty value). */
  absent?: boolean;
  /** With equals: compare as resource quantities ("0.2" equals "200m", 134217728 equals "128Mi"). */
  quantity?: boolean;
}

export interface FieldCheck extends Expectation {
  name: string;
  /** `TYPE/NAME`, e.g. `deployment/web`. */
  object: string;
  namespace?: string;
  /** A kubectl JSONPath template; the object must exist. Without it, only existence is checked. */
  path?: string;
  /** `false`: the object must not exist. */
  exists?: boolean;
  /** A port given by name is looked up in the object's containers (`http` → 80) before comparing. */
  portNames?: boolean;
  /** How failures name what the path finds (default: the path itself). */
  field?: string;
}

export interface PodsCheck {
  name: string;
  type: 'pods';
  namespace?: string;
  selector: string;
  count?: number;
  minCount?: number;
  /** Every selected (non-terminating) pod is Running and Ready. */
  ready?: boolean;
  node?: string;
  notNode?: string;
  /** At least one selected pod runs on this node. */
  someOnNode?: string;
  image?: string;
}

export interface EndpointsCheck {
  name: string;
  type: 'endpoints';
  namespace?: string;
  service: string;
  /** How many ready addresses the service must have. */
  count?: number;
  minCount?: number;
  /** The ready addresses must be exactly the pods this label selector selects. */
  podSelector?: string;
}

export interface HttpCheck {
  name: string;
  type: 'http';
  /** A URL as `kubesim curl` takes it, sent from `from` (default controlplane). */
  url: string;
  from?: string;
  namespace?: string;
  status?: number;
  bodyContains?: string;
  /** Request headers (e.g. Host, to address an Ingress rule). */
  headers?: Record<string, string>;
}

export interface DrainedCheck {
  name: string;
  type: 'drained';
  node: string;
}

export interface EnvCheck extends Expectation {
  name: string;
  type: 'env';
  namespace?: string;
  pod: string;
  container?: string;
  variable: string;
}

export interface FileCheck {
  name: string;
  type: 'file';
  /** Under the answers directory (`{{answers}}` in texts). */
  path: string;
  /** The answer, worked out from the cluster as `kubectl get <resource> -n <namespace> -o <output>` would print it. */
  resource?: string;
  namespace?: string;
  allNamespaces?: boolean;
  output?: string;
  /** Or a fixed answer. */
  equals?: string;
  /** How the file is compared: `exact` (trailing whitespace aside), `lines` (order kept), `words` (any order). */
  compare?: 'exact' | 'lines' | 'words';
  /** Say what the right answer is when the file is wrong (never for answers the task asks to find out). */
  reveal?: boolean;
}

/** A command run in a pod's container (as kubectl exec would), its output checked. */
export interface ExecCheck extends Expectation {
  name: string;
  type: 'exec';
  namespace?: string;
  pod: string;
  container?: string;
  command: string[];
}

/** What RBAC lets a user do, as `kubectl auth can-i VERB RESOURCE --as USER -n NAMESPACE` answers. */
export interface CanCheck {
  name: string;
  type: 'can';
  as: string;
  verb: string;
  /** A resource (`pods`, `deployments.apps`, `pods/log` as resource/subresource). */
  resource: string;
  /** Omitted: cluster-wide. */
  namespace?: string;
  /** The expected answer. */
  allowed: boolean;
}

export type Check = FieldCheck | PodsCheck | EndpointsCheck | HttpCheck | DrainedCheck | EnvCheck | FileCheck | ExecCheck | CanCheck;

export interface LabDefinition {
  id: string;
  title: string;
  domain: Domain;
  difficulty: (typeof DIFFICULTIES)[number];
  minutes: number;
  /** Share of an exam's score (CKA tasks weigh 4–13%). */
  weight: number;
  setup: SetupStep[];
  task: string;
  checks: Check[];
  hints: string[];
  solution: string;
  /** A wrong but plausible answer, and the checks it must fail (for the lab's own test). */
  wrong?: { solution: string; fails: string[] };
  file: string;
}

/** fixtures/labs, next to src/ in the sources and next to dist/ in a package. */
export function labsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'fixtures', 'labs');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new CliError('the lab catalogue (fixtures/labs) is missing from this installation');
}

const CHECK_TYPES = ['pods', 'endpoints', 'http', 'drained', 'env', 'file', 'exec', 'can'];

/** Reads and checks one lab file; a malformed lab is the catalogue's bug, reported with its file. */
export function parseLab(text: string, file: string): LabDefinition {
  const raw = yamlLib().parse(text) as any;
  const fail = (msg: string): never => {
    throw new CliError(`lab ${file}: ${msg}`);
  };
  if (!raw || typeof raw !== 'object') fail('not a YAML mapping');
  for (const k of ['id', 'title', 'domain', 'difficulty', 'task', 'solution']) if (typeof raw[k] !== 'string' || !raw[k]) fail(`missing ${k}`);
  if (!DOMAINS.includes(raw.domain)) fail(`domain must be one of ${DOMAINS.join(', ')}`);
  if (!DIFFICULTIES.includes(raw.difficulty)) fail(`difficulty must be one of ${DIFFICULTIES.join(', ')}`);
  if (!Array.isArray(raw.checks) || !raw.checks.length) fail('needs checks');
  for (const c of raw.checks) {
    if (!c.name) fail('every check needs a name');
    if (c.type !== undefined && !CHECK_TYPES.includes(c.type)) fail(`check "${c.name}": unknown type ${c.type}`);
    if (c.type === undefined && !c.object) fail(`check "${c.name}": needs object (TYPE/NAME) or a type`);
  }
  for (const s of raw.setup ?? []) if (!s || (typeof s.apply !== 'string' && typeof s.run !== 'string')) fail('setup steps are {apply: YAML} or {run: command}');
  const defaultWeight = { easy: 4, medium: 7, hard: 10 }[raw.difficulty as 'easy'];
  return {
    id: raw.id,
    title: raw.title,
    domain: raw.domain,
    difficulty: raw.difficulty,
    minutes: Number(raw.minutes) || 5,
    weight: Number(raw.weight) || defaultWeight,
    setup: raw.setup ?? [],
    task: String(raw.task).trimEnd(),
    checks: raw.checks,
    hints: raw.hints ?? [],
    solution: String(raw.solution).trimEnd(),
    wrong: raw.wrong,
    file,
  };
}

let catalogue: LabDefinition[] | undefined;

/** Every lab, in file-name order. */
export function loadLabs(): LabDefinition[] {
  if (catalogue) return catalogue;
  const dir = labsDir();
  catalogue = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseLab(readFileSync(join(dir, f), 'utf8'), f));
  const ids = new Set<string>();
  for (const l of catalogue) {
    if (ids.has(l.id)) throw new CliError(`lab ${l.file}: duplicate id ${l.id}`);
    ids.add(l.id);
  }
  return catalogue;
}

export function findLab(id: string): LabDefinition {
  const lab = loadLabs().find((l) => l.id === id);
  if (!lab) throw new CliError(`lab "${id}" not found; see 'kubesim lab list'`);
  return lab;
}

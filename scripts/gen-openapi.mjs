// Generates src/api/openapi/k8s-schema.json — the fields, types and descriptions of the kinds
// kubesim serves — from the Kubernetes OpenAPI models published in the `kubernetes-models`
// package (a dev dependency: only this script reads it). The result drives strict decoding
// (unknown and mistyped fields) and `kubesim explain`.
//   node scripts/gen-openapi.mjs
import ts from 'typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('kubernetes-models/package.json'));
const machineryRoot = dirname(require.resolve('@kubernetes-models/apimachinery/package.json'));

const KINDS = [
  ['v1', 'Pod'], ['v1', 'Service'], ['v1', 'Namespace'], ['v1', 'ConfigMap'], ['v1', 'Secret'],
  ['v1', 'ServiceAccount'], ['v1', 'Node'], ['v1', 'Endpoints'], ['v1', 'Event'],
  ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
  ['v1', 'PersistentVolume'], ['v1', 'PersistentVolumeClaim'], ['storage.k8s.io/v1', 'StorageClass'],
  ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['networking.k8s.io/v1', 'NetworkPolicy'], ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'IngressClass'],
];
const SCALARS = {
  IoK8sApimachineryPkgApiResourceQuantity: 'Quantity',
  IoK8sApimachineryPkgUtilIntstrIntOrString: 'IntOrString',
  IoK8sApimachineryPkgApisMetaV1Time: 'Time',
  IoK8sApimachineryPkgApisMetaV1MicroTime: 'Time',
  IoK8sApimachineryPkgApisMetaV1FieldsV1: 'Object',
  IoK8sApimachineryPkgRuntimeRawExtension: 'Object',
};

const definitions = {};

function resolveModule(fromFile, spec) {
  if (spec.startsWith('@kubernetes-models/apimachinery/')) return join(machineryRoot, `${spec.slice('@kubernetes-models/apimachinery/'.length)}.d.ts`);
  if (spec.startsWith('.')) return join(dirname(fromFile), `${spec}.d.ts`);
  return undefined;
}

function docOf(node) {
  const tags = ts.getJSDocCommentsAndTags(node);
  const text = tags.map((t) => (typeof t.comment === 'string' ? t.comment : '')).join('\n');
  return text.trim();
}

/** Reads the interface `I<Name>` of one model file; returns the definition's id. */
function load(file) {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = new Map();
  for (const st of src.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, resolveModule(file, st.moduleSpecifier.text));
    }
  }
  const base = file.split('/').pop().replace(/\.d\.ts$/, '');
  const iface = src.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === `I${base}`);
  if (!iface) throw new Error(`no interface I${base} in ${file}`);
  const id = idOf(file);
  if (definitions[id]) return id;
  const def = { name: base, description: docOf(iface), properties: {}, required: [] };
  definitions[id] = def;
  for (const m of iface.members) {
    if (!ts.isPropertySignature(m)) continue;
    const name = m.name.text ?? m.name.getText();
    if (!m.questionToken && name !== 'apiVersion' && name !== 'kind') def.required.push(name);
    const type = typeString(m.type, imports);
    const enumValues = literalUnion(m.type);
    def.properties[name] = { type, description: docOf(m) || STANDARD_DOCS[name] || '', ...(enumValues ? { enum: enumValues } : {}) };
  }
  if (!def.required.length) delete def.required;
  return id;
}

// apiVersion and kind carry these texts in the API server's OpenAPI; the models leave them out.
const STANDARD_DOCS = {
  apiVersion:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  kind: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};

/** The values of a string enum (`"Always" | "IfNotPresent" | "Never"`), or undefined. */
function literalUnion(t) {
  if (!ts.isUnionTypeNode(t)) return undefined;
  const values = t.types.map((x) => (ts.isLiteralTypeNode(x) && ts.isStringLiteral(x.literal) ? x.literal.text : undefined));
  return values.every((v) => v !== undefined) ? values : undefined;
}

function idOf(file) {
  const rel = file.startsWith(machineryRoot) ? `apimachinery/${file.slice(machineryRoot.length + 1)}` : file.slice(root.length + 1);
  return rel.replace(/\.d\.ts$/, '').replace(/\//g, '.');
}

function typeString(t, imports) {
  switch (t.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
      return 'integer';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return 'Object';
    case ts.SyntaxKind.LiteralType:
      return 'string';
  }
  if (ts.isUnionTypeNode(t)) return typeString(t.types[0], imports);
  if (ts.isArrayTypeNode(t)) return `[]${typeString(t.elementType, imports)}`;
  if (ts.isTypeReferenceNode(t)) {
    const name = t.typeName.getText();
    if (name === 'Array') return `[]${typeString(t.typeArguments[0], imports)}`;
    const scalar = SCALARS[name.replace(/^I/, '')];
    if (scalar) return scalar;
    const file = imports.get(name);
    if (!file) throw new Error(`unresolved type ${name}`);
    return `#${load(file)}`;
  }
  if (ts.isTypeLiteralNode(t)) {
    const index = t.members.find((m) => ts.isIndexSignatureDeclaration(m));
    if (index) return `map[string]${typeString(index.type, imports)}`;
    return 'Object';
  }
  throw new Error(`unsupported type ${ts.SyntaxKind[t.kind]}: ${t.getText()}`);
}

const kinds = {};
for (const [apiVersion, kind] of KINDS) {
  const dir = apiVersion === 'v1' ? 'v1' : apiVersion;
  kinds[`${apiVersion}/${kind}`] = `#${load(join(root, dir, `${kind}.d.ts`))}`;
}
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
writeFileSync(
  'src/api/openapi/k8s-schema.json',
  `${JSON.stringify({ source: `kubernetes-models@${version}`, kinds, definitions })}\n`,
);
console.log(`${Object.keys(definitions).length} definitions for ${KINDS.length} kinds`);

// kubectl explain's plaintext template (OpenAPI v3): the header, FIELD, DESCRIPTION (wrapped at 76
// columns, go-wordwrap's rules) and FIELDS, or the field tree with --recursive.
import { definition, type Definition, type FieldSchema } from '../api/openapi/schema.ts';

/** The texts the API server's OpenAPI gives its scalar wrapper types. */
const SCALAR_DOCS: Record<string, string> = {
  Time: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.',
  IntOrString:
    'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
  Quantity:
    'Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.\n\nThe serialization format is:\n\n``` <quantity>        ::= <signedNumber><suffix>\n\n\t(Note that <suffix> may be empty, from the "" case in <decimalSI>.)\n\n<digit>           ::= 0 | 1 | ... | 9 <digits>          ::= <digit> | <digit><digits> <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits> <sign>            ::= "+" | "-" <signedNumber>    ::= <number> | <sign><number> <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI> <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei\n\n\t(International System of units; See: http://physics.nist.gov/cuu/Units/binary.html)\n\n<decimalSI>       ::= m | "" | k | M | G | T | P | E\n\n\t(Note that 1024 = 1Ki but 1000 = 1k; I didn\'t choose the capitalization.)\n\n<decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber> ```\n\nNo matter which of the three exponent forms is used, no quantity may represent a number greater than 2^63-1 in magnitude, nor may it have more than 3 decimal places. Numbers larger or more precise will be capped or rounded up. (E.g.: 0.1m will rounded up to 1m.) This may be extended in the future if we require larger or smaller quantities.\n\nWhen a Quantity is parsed from a string, it will remember the type of suffix it had, and will use the same type again when it is serialized.\n\nBefore serializing, Quantity will be put in "canonical form". This means that Exponent/suffix will be adjusted up or down (with a corresponding increase or decrease in Mantissa) such that:\n\n- No precision is lost - No fractional digits will be emitted - The exponent (or suffix) is as large as possible.\n\nThe sign will be omitted unless the number is negative.\n\nExamples:\n\n- 1.5 will be serialized as "1500m" - 1.5Gi will be serialized as "1536Mi"\n\nNote that the quantity will NEVER be internally represented by a floating point number. That is the whole point of this exercise.\n\nNon-canonical values will still parse as long as they are well formed, but will be re-emitted in their canonical form. (So always use canonical form, or don\'t diff.)\n\nThis format is intended to make it difficult to use these numbers without writing some sort of special handling code in the hopes that that will cause implementors to also use a fixed point implementation.',
};

/** go-wordwrap's WrapString: break on spaces, keep existing line breaks, never split a word. */
export function wrapString(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  const isSpace = (c: string) => /\s/.test(c) && c !== '\u00a0';
  for (const ch of s) {
    if (ch === '\n') {
      if (!word.length) {
        if (current + space.length <= lim) out += space;
      } else {
        out += space + word;
      }
      space = '';
      word = '';
      out += ch;
      current = 0;
    } else if (isSpace(ch)) {
      if (!space.length || word.length) {
        current += space.length + word.length;
        out += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (!word.length) {
    if (current + space.length <= lim) out += space;
  } else out += space + word;
  return out;
}

/** sprig's indent: every line, the last (possibly empty) one included. */
const indent = (s: string, n: number) => ' '.repeat(n) + s.split('\n').join(`\n${' '.repeat(n)}`);

function typeGuess(t: string): string {
  if (t.startsWith('[]')) return `[]${typeGuess(t.slice(2))}`;
  if (t.startsWith('map[string]')) return `map[string]${typeGuess(t.slice(11))}`;
  if (t.startsWith('#')) return definition(t).name;
  if (t === 'Time') return 'string';
  return t;
}

/** The object definition behind a type, through lists and maps (undefined for scalars). */
function objectOf(t: string): Definition | undefined {
  if (t.startsWith('[]')) return objectOf(t.slice(2));
  if (t.startsWith('map[string]')) return objectOf(t.slice(11));
  return t.startsWith('#') ? definition(t) : undefined;
}

/** The DESCRIPTION text of a field: its own, then that of the type it points to (and item types). */
function describeType(t: string): string {
  if (t.startsWith('[]')) return describeType(t.slice(2));
  if (t.startsWith('map[string]')) return describeType(t.slice(11));
  const text = t.startsWith('#') ? definition(t).description : SCALAR_DOCS[t] ?? '';
  return text ? `${text}\n` : '';
}

function enumShort(f: FieldSchema, pad: number): string {
  if (!f.enum?.length) return '';
  const shown = f.enum.slice(0, 4).map((v) => (v === '' ? '""' : v));
  return `\n${' '.repeat(pad)}enum: ${shown.join(', ')}${f.enum.length > 4 ? ', ....' : ''}`;
}

function fieldList(def: Definition, level: number, recursive: boolean, seen: Set<string>): string {
  let out = '';
  const pad = level * 2;
  for (const name of Object.keys(def.properties).sort()) {
    const f = def.properties[name];
    out += `${' '.repeat(pad)}${name}\t<${typeGuess(f.type)}>${def.required?.includes(name) ? ' -required-' : ''}${enumShort(f, pad)}\n`;
    if (!recursive) {
      out += `${indent(wrapString(f.description || '<no description>', 78 - pad), pad + 2)}\n\n`;
      continue;
    }
    const child = objectOf(f.type);
    const id = child ? idFor(f.type) : undefined;
    if (child && id && !seen.has(id)) out += fieldList(child, level + 1, true, new Set([...seen, id]));
  }
  return out;
}

function idFor(t: string): string | undefined {
  if (t.startsWith('[]')) return idFor(t.slice(2));
  if (t.startsWith('map[string]')) return idFor(t.slice(11));
  return t.startsWith('#') ? t : undefined;
}

export class UnknownFieldError extends Error {
  constructor(public header: string, field: string) {
    super(`field "${field}" does not exist`);
  }
}

/** The whole explain screen for a kind's type and a field path under it. */
export function explain(kind: { group: string; kind: string; version: string; ref: string }, path: string[], recursive: boolean): string {
  const header = `${kind.group ? `GROUP:      ${kind.group}\n` : ''}KIND:       ${kind.kind}\nVERSION:    ${kind.version}\n\n`;
  let type = kind.ref;
  let description = definition(kind.ref).description ? `${definition(kind.ref).description}\n` : '';
  let field = '';
  for (let i = 0; i < path.length; i++) {
    const def = objectOf(type);
    const f = def?.properties[path[i]];
    if (!f) throw new UnknownFieldError(header, path[path.length - 1]);
    type = f.type;
    description = `${f.description ? `${f.description}\n` : ''}${describeType(f.type)}`;
    if (i === path.length - 1) {
      const enumLong = f.enum?.length ? `ENUM:${f.enum.map((v) => `\n    ${v === '' ? '""' : v}`).join('')}` : '';
      field = `FIELD: ${path[i]} <${typeGuess(f.type)}>\n${enumLong}\n\n`;
    }
  }
  let out = `${header}${field}DESCRIPTION:\n${indent(wrapString(description || '<empty>', 76), 4)}\n`;
  const def = objectOf(type);
  const fields = def ? fieldList(def, 1, recursive, new Set([idFor(type)!])) : '';
  if (fields) out += `FIELDS:\n${fields}`;
  return `${out}\n`;
}

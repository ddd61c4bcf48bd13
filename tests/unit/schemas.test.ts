/**
 * Every action's payload schema is strict and bounded, so oversize input is refused at the boundary (400)
 * instead of reaching a handler: every object refuses unknown keys, every string has a maximum length (or a
 * fixed-length format), every array and record a maximum size. Walks the zod 4 schemas of all registered actions,
 * including those later features add.
 */
import { actions } from '../../cloud/app';

type Def = { type: string; checks?: { _zod: { def: { check: string; format?: string; pattern?: RegExp } } }[]; [k: string]: any };

/** A regex whose every quantifier is bounded ({n} / {n,m}): the strings it accepts have a maximum length. */
const boundedPattern = (re: RegExp) => re.source.startsWith('^') && re.source.endsWith('$') && !/[+*]|\{\d+,\}/.test(re.source.replace(/\\./g, ''));

function problems(schema: any, path: string, out: string[], seen = new Set<unknown>()): string[] {
  if (!schema || seen.has(schema)) return out;
  seen.add(schema);
  const def: Def | undefined = schema._zod?.def;
  if (!def) return [...out, `${path}: not a zod schema`];
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const has = (k: string) => checks.some((c) => c.check === k);
  switch (def.type) {
    case 'string': {
      const patterns = checks.filter((c) => c.check === 'string_format').map((c) => c.pattern);
      const fixedFormat = ['datetime', 'date', 'time'].includes(def.format) || patterns.some((p) => p && boundedPattern(p));
      if (!has('max_length') && !has('length_equals') && !fixedFormat) out.push(`${path}: string without a maximum length`);
      break;
    }
    case 'array':
      if (!has('max_length') && !has('length_equals')) out.push(`${path}: array without a maximum size`);
      problems(def.element, `${path}[]`, out, seen);
      break;
    case 'record':
      if (!has('custom')) out.push(`${path}: record without a size check`);
      problems(def.keyType, `${path}{key}`, out, seen);
      problems(def.valueType, `${path}{}`, out, seen);
      break;
    case 'object':
      if (def.catchall?._zod?.def.type !== 'never') out.push(`${path}: object that accepts unknown keys (use .strict())`);
      for (const [k, v] of Object.entries(def.shape)) problems(v, `${path}.${k}`, out, seen);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      problems(def.innerType, path, out, seen);
      break;
    case 'union':
      def.options.forEach((o: unknown, i: number) => problems(o, `${path}|${i}`, out, seen));
      break;
    case 'intersection':
      problems(def.left, path, out, seen);
      problems(def.right, path, out, seen);
      break;
    case 'pipe':
      problems(def.in, path, out, seen);
      break;
    case 'tuple':
      def.items.forEach((o: unknown, i: number) => problems(o, `${path}[${i}]`, out, seen));
      break;
    case 'number':
    case 'literal':
    case 'enum':
    case 'boolean':
    case 'null':
    case 'transform':
    case 'custom': // e.g. media.upload's bytes: refused over JSON whatever they are
      break;
    default:
      out.push(`${path}: unexpected schema type ${def.type}`);
  }
  return out;
}

test('the walker catches what it is meant to catch', async () => {
  const { z } = await import('zod');
  expect(problems(z.object({ a: z.string() }), 'x', [])).toEqual([
    'x: object that accepts unknown keys (use .strict())',
    'x.a: string without a maximum length',
  ]);
  expect(problems(z.object({ a: z.array(z.number()), b: z.string().regex(/^\d+$/) }).strict(), 'x', [])).toEqual([
    'x.a: array without a maximum size',
    'x.b: string without a maximum length',
  ]);
  expect(problems(z.object({ a: z.string().max(5), b: z.string().regex(/^\d{4}$/), c: z.iso.datetime() }).strict(), 'x', [])).toEqual([]);
});

test('every action’s payload is strict, with bounded strings, arrays and records', () => {
  const found = actions.flatMap((a) => problems(a.input, a.name, []));
  expect(found).toEqual([]);
});

/**
 * Valid inputs for a zod schema, built from its definition, and the same inputs with one
 * unexpected key placed in each object on the way. The IPC strictness test runs this over every
 * channel of the contract, so a channel added later is checked without a hand-written fixture.
 * A schema kind it does not know throws, naming the kind: extend this file rather than skip one.
 */
import type { z } from 'zod';

export const EXTRA_KEY = '__unexpected';

export interface Samples {
  /** Inputs the schema must accept: one per union option reached. */
  readonly valid: readonly unknown[];
  /** Inputs the schema must refuse: a valid input with EXTRA_KEY added to one of its objects. */
  readonly withExtraKey: readonly unknown[];
}

/** The parts of zod 4's schema definitions this file reads. */
interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly options?: readonly z.ZodType[];
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly getter?: () => z.ZodType;
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
  readonly format?: string;
}

interface CheckDef {
  readonly check: string;
  readonly minimum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
}

const defOf = (schema: z.ZodType): Def => schema.def as unknown as Def;
const one = (value: unknown): Samples => ({ valid: [value], withExtraKey: [] });
const checksOf = (def: Def): CheckDef[] => (def.checks ?? []).map((check) => check._zod.def);

function first(samples: Samples, kind: string): unknown {
  if (samples.valid.length === 0) throw new Error(`schema-samples: no valid ${kind}`);
  return samples.valid[0];
}

function stringSample(def: Def): unknown {
  const formats: Record<string, string> = {
    email: 'a@example.com',
    url: 'https://example.com/',
    uuid: '00000000-0000-4000-8000-000000000000',
  };
  const format = def.format ?? checksOf(def).find((check) => check.check === 'string_format')?.format;
  if (format !== undefined) {
    const text = formats[format];
    if (text === undefined) throw new Error(`schema-samples: unsupported string format ${format}`);
    return text;
  }
  const min = checksOf(def).find((check) => check.check === 'min_length')?.minimum ?? 1;
  return 'x'.repeat(Math.max(1, min));
}

function numberSample(def: Def): unknown {
  const low = checksOf(def).find((check) => check.check === 'greater_than');
  if (low?.value === undefined) return 1;
  return low.inclusive === true ? Math.max(low.value, 1) : low.value + 1;
}

/** Each field in turn varies (other fields at their first sample), so every option is reached. */
function objectSamples(def: Def): Samples {
  const fields = Object.entries(def.shape ?? {}).map(([key, schema]) => [key, samplesOf(schema)] as const);
  const base = Object.fromEntries(fields.map(([key, samples]) => [key, first(samples, key)]));
  const valid: unknown[] = [base];
  const withExtraKey: unknown[] = [{ ...base, [EXTRA_KEY]: true }];
  for (const [key, samples] of fields) {
    for (const other of samples.valid.slice(1)) valid.push({ ...base, [key]: other });
    for (const bad of samples.withExtraKey) withExtraKey.push({ ...base, [key]: bad });
  }
  return { valid, withExtraKey };
}

function arraySamples(def: Def): Samples {
  if (def.element === undefined) throw new Error('schema-samples: array without element');
  const element = samplesOf(def.element);
  const min = Math.max(1, checksOf(def).find((check) => check.check === 'min_length')?.minimum ?? 1);
  const fill = (value: unknown): unknown[] => [
    value,
    ...Array.from({ length: min - 1 }, () => first(element, 'element')),
  ];
  return { valid: element.valid.map(fill), withExtraKey: element.withExtraKey.map(fill) };
}

function tupleSamples(def: Def): Samples {
  const items = (def.items ?? []).map((item) => samplesOf(item));
  const base = items.map((item, i) => first(item, `item ${i}`));
  const replaced = (i: number, value: unknown): unknown[] => base.map((old, j) => (j === i ? value : old));
  return {
    valid: [base, ...items.flatMap((item, i) => item.valid.slice(1).map((v) => replaced(i, v)))],
    withExtraKey: items.flatMap((item, i) => item.withExtraKey.map((bad) => replaced(i, bad))),
  };
}

/** A record takes any key by design: only its values can carry an unexpected key. */
function recordSamples(def: Def): Samples {
  if (def.keyType === undefined || def.valueType === undefined) throw new Error('schema-samples: record without types');
  const key = String(first(samplesOf(def.keyType), 'record key'));
  const values = samplesOf(def.valueType);
  return {
    valid: values.valid.map((value) => ({ [key]: value })),
    withExtraKey: values.withExtraKey.map((bad) => ({ [key]: bad })),
  };
}

function inner(schema: z.ZodType | undefined, kind: string): Samples {
  if (schema === undefined) throw new Error(`schema-samples: ${kind} without its inner schema`);
  return samplesOf(schema);
}

export function samplesOf(schema: z.ZodType): Samples {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return one(stringSample(def));
    case 'number':
      return one(numberSample(def));
    case 'boolean':
      return one(true);
    case 'null':
      return one(null);
    case 'enum':
      return one(Object.values(def.entries ?? {})[0]);
    case 'literal':
      return one(def.values?.[0]);
    case 'object':
      return objectSamples(def);
    case 'array':
      return arraySamples(def);
    case 'tuple':
      return tupleSamples(def);
    case 'record':
      return recordSamples(def);
    case 'union': {
      const options = (def.options ?? []).map((option) => samplesOf(option));
      return { valid: options.flatMap((o) => o.valid), withExtraKey: options.flatMap((o) => o.withExtraKey) };
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType, def.type);
    case 'pipe':
      return inner(def.in, 'pipe');
    case 'lazy':
      return inner(def.getter?.(), 'lazy');
    default:
      throw new Error(`schema-samples: unsupported zod schema type ${def.type}`);
  }
}

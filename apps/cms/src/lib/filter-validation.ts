/**
 * Checks the `filters` (and populate filters) of a read against the content model before the database sees
 * them. Stock Strapi casts filter values late and answers a number field compared with "abc", a text search
 * on a number, or a filter on a JSON field with a 500 (PostgreSQL refuses more shapes than SQLite); this
 * names the filter and says what it expects instead. Shapes it does not know are refused, not passed on.
 */

export type Attribute = { type: string; target?: string; component?: string };
export type Model = { attributes: Record<string, Attribute> };
/** The model of a content type or component uid, or undefined. */
export type ModelLookup = (uid: string) => Model | undefined;

export class FilterError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`Invalid filter ${path}: ${detail}`);
    this.name = 'FilterError';
  }
}

const NUMBER_TYPES = new Set(['integer', 'biginteger', 'float', 'decimal']);
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration']);
const DATE_TYPES = new Set(['date', 'datetime', 'timestamp', 'time']);
const COMPARISONS = new Set(['$eq', '$ne', '$eqi', '$nei', '$lt', '$lte', '$gt', '$gte']);
const LISTS = new Set(['$in', '$notIn']);
const TEXT_SEARCH = new Set(['$contains', '$notContains', '$containsi', '$notContainsi', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi']);
const NULL_CHECKS = new Set(['$null', '$notNull']);
/** What Strapi's boolean field reads as true or false. */
const BOOLEAN_LIKE = new Set<unknown>([true, false, 'true', 'false', 't', 'f', '1', '0', 1, 0]);
/** Keys every content type has besides its attributes. */
const BUILT_IN: Record<string, Attribute> = { id: { type: 'integer' }, documentId: { type: 'string' } };

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/** qs turns `[0]`…`[20]` into arrays and longer lists into objects with numeric keys: both are lists. */
function asList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value as unknown[];
  if (isPlainObject(value) && Object.keys(value).every((key) => /^\d+$/.test(key))) return Object.values(value);
  return null;
}

function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

function isDateLike(type: string, value: unknown): boolean {
  if (type === 'time') return typeof value === 'string' && /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value);
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && Number.isFinite(Date.parse(value));
}

/** One value compared with an attribute of `type`. */
function checkOperand(type: string, value: unknown, path: string): void {
  // GraphQL's DateTime and Date scalars hand the resolvers Date objects, not the strings that were sent.
  if (value instanceof Date) {
    if (!DATE_TYPES.has(type) || type === 'time') throw new FilterError(path, `a date cannot be compared with a field of type ${type}`);
    if (!Number.isFinite(value.getTime())) throw new FilterError(path, 'expected a valid date');
    return;
  }
  if (typeof value === 'object' && value !== null) throw new FilterError(path, `expected a single value, got ${show(value)}`);
  if (value === null || value === undefined) throw new FilterError(path, 'expected a value');
  if (NUMBER_TYPES.has(type)) {
    if (!isNumeric(value)) throw new FilterError(path, `expected a number, got ${show(value)}`);
  } else if (type === 'boolean') {
    if (!BOOLEAN_LIKE.has(value)) throw new FilterError(path, `expected true or false, got ${show(value)}`);
  } else if (DATE_TYPES.has(type)) {
    if (!isDateLike(type, value))
      throw new FilterError(path, `expected ${type === 'time' ? 'a time (HH:mm:ss)' : 'an ISO date'}, got ${show(value)}`);
  } else if (typeof value !== 'string' && typeof value !== 'number') {
    throw new FilterError(path, `expected text, got ${show(value)}`);
  }
}

/** The operators applied to one scalar attribute: `{ $gt: 5 }`, a bare value (equality) or a list ($in). */
function checkScalarFilter(type: string, filter: unknown, path: string): void {
  if (!isPlainObject(filter)) {
    const list = asList(filter);
    if (list) list.forEach((value, index) => checkOperand(type, value, `${path}[${index}]`));
    else checkOperand(type, filter, path);
    return;
  }
  for (const [operator, operand] of Object.entries(filter)) {
    const at = `${path}[${operator}]`;
    if (COMPARISONS.has(operator)) checkOperand(type, operand, at);
    else if (NULL_CHECKS.has(operator)) {
      if (!BOOLEAN_LIKE.has(operand)) throw new FilterError(at, `expected true or false, got ${show(operand)}`);
    } else if (LISTS.has(operator) || operator === '$between') {
      const list = asList(operand) ?? [operand];
      if (operator === '$between' && list.length !== 2) throw new FilterError(at, 'expected two values (from and to)');
      list.forEach((value, index) => checkOperand(type, value, `${at}[${index}]`));
    } else if (TEXT_SEARCH.has(operator)) {
      if (!TEXT_TYPES.has(type)) throw new FilterError(at, `text search works on text fields only, not on a ${type}`);
      checkOperand(type, operand, at);
    } else if (operator === '$not') {
      checkScalarFilter(type, operand, at);
    } else {
      throw new FilterError(at, `unknown operator ${show(operator)}`);
    }
  }
}

/** Validates `filters` for the model `uid`; throws a FilterError naming the first bad part. */
export function validateFilters(models: ModelLookup, uid: string, filters: unknown, path = 'filters'): void {
  if (filters === undefined || filters === null) return;
  if (!isPlainObject(filters)) throw new FilterError(path, 'expected an object of fields and operators');
  const model = models(uid);
  if (!model) throw new FilterError(path, `unknown model ${uid}`);
  for (const [key, value] of Object.entries(filters)) {
    const at = `${path}[${key}]`;
    if (key === '$and' || key === '$or') {
      const list = asList(value);
      if (!list) throw new FilterError(at, 'expected a list of filters');
      list.forEach((item, index) => validateFilters(models, uid, item, `${at}[${index}]`));
      continue;
    }
    if (key === '$not') {
      validateFilters(models, uid, value, at);
      continue;
    }
    const attribute = model.attributes[key] ?? BUILT_IN[key];
    if (!attribute) throw new FilterError(at, key.startsWith('$') ? `unknown operator ${show(key)}` : `unknown field ${show(key)}`);
    if (attribute.type === 'relation' || attribute.type === 'media') {
      const target = attribute.type === 'media' ? 'plugin::upload.file' : attribute.target;
      if (!target) throw new FilterError(at, `cannot filter on ${key}`);
      validateFilters(models, target, value, at);
    } else if (attribute.type === 'component' && attribute.component) {
      validateFilters(models, attribute.component, value, at);
    } else if (NUMBER_TYPES.has(attribute.type) || TEXT_TYPES.has(attribute.type) || DATE_TYPES.has(attribute.type) || attribute.type === 'boolean') {
      checkScalarFilter(attribute.type, value, at);
    } else {
      throw new FilterError(at, `cannot filter on ${key} (a ${attribute.type} field)`);
    }
  }
}

/** Validates the filters inside an object-form `populate` (`populate[rel][filters]…`), recursively. */
export function validatePopulate(models: ModelLookup, uid: string, populate: unknown, path = 'populate'): void {
  if (!isPlainObject(populate)) return; // '*', a list of names or true: nothing to filter
  const model = models(uid);
  if (!model) return;
  for (const [key, value] of Object.entries(populate)) {
    if (!isPlainObject(value)) continue;
    const attribute = model.attributes[key];
    const target =
      attribute?.type === 'media'
        ? 'plugin::upload.file'
        : attribute?.type === 'relation'
          ? attribute.target
          : attribute?.type === 'component'
            ? attribute.component
            : undefined;
    if (!target) continue;
    validateFilters(models, target, value.filters, `${path}[${key}][filters]`);
    validatePopulate(models, target, value.populate, `${path}[${key}][populate]`);
  }
}

/**
 * The small JSONPath subset an owner's config may use: `$` followed by `.name`, `["name"]`, `[N]` and
 * `[*]` steps ("$.data.lots[*]", "$['结果'][*]"). Nothing else: no filters, no recursion, no scripts —
 * a config selects a list, it does not run code. Field paths inside an item are dotted ("price.hour"),
 * or absolute from the document root when they start with "$" (a time stamp the whole answer shares).
 */
type Step = { key: string } | { index: number } | { all: true };

const STEP = /^(?:\.([A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff-]*)|\[(\d+)\]|\[\*\]|\[(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\])/;

/** Parses a selector; a string error names what is wrong (shown as one config line). */
export function parseSelector(selector: string): Step[] | string {
  if (!selector.startsWith('$')) return 'must start with "$"';
  const steps: Step[] = [];
  let rest = selector.slice(1);
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return `cannot read "${rest.slice(0, 20)}" (use .name, ["name"], [N] or [*])`;
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ key: JSON.parse(`"${m[3]}"`) as string });
    else if (m[4] !== undefined) steps.push({ key: m[4] });
    else steps.push({ all: true });
    rest = rest.slice(m[0].length);
  }
  return steps;
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Every value the steps reach (an empty list when a step finds nothing). */
export function selectAll(doc: unknown, steps: readonly Step[]): unknown[] {
  let current: unknown[] = [doc];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if ('all' in step) {
        if (Array.isArray(value)) next.push(...value);
        else if (value && typeof value === 'object') next.push(...Object.values(value));
      } else if ('index' in step) {
        if (Array.isArray(value) && step.index < value.length) next.push(value[step.index]);
      } else if (value && typeof value === 'object' && !Array.isArray(value) && own(value, step.key)) {
        next.push((value as Record<string, unknown>)[step.key]);
      }
    }
    current = next;
  }
  return current;
}

/** A field of one item: "a.b" inside the item, "$.x" from the document root. undefined when absent. */
export function readField(item: unknown, root: unknown, path: string): unknown {
  if (path.startsWith('$')) {
    const steps = parseSelector(path);
    return typeof steps === 'string' ? undefined : selectAll(root, steps)[0];
  }
  // A CSV header may itself contain dots: the whole name first.
  if (item && typeof item === 'object' && !Array.isArray(item) && own(item, path)) return (item as Record<string, unknown>)[path];
  let value: unknown = item;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || !own(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A field path's own syntax check (for the config). */
export function fieldPathProblem(path: string): string | null {
  if (path.startsWith('$')) {
    const steps = parseSelector(path);
    return typeof steps === 'string' ? steps : null;
  }
  return path.split('.').some((k) => k === '') ? 'has an empty name between dots' : null;
}

import { Reader, kindOf } from "../problems";

/** A required, non-empty list of mappings, each read by `read`; bad entries are reported and skipped. */
export function readList<T>(parent: Reader, key: string, read: (r: Reader) => T | undefined): T[] {
  const value = parent.get(key);
  if (!Array.isArray(value) || value.length === 0) {
    const why = Array.isArray(value) ? "must not be empty" : value === undefined ? "is required" : `must be a list, not ${kindOf(value)}`;
    parent.problems.add(parent.key(key), value, why, `declare ${parent.key(key)} as a YAML list as in Pulumi.dev.yaml`);
    return [];
  }
  return value.flatMap((item, i) => {
    const reader = Reader.of(parent.problems, `${parent.key(key)}[${i}]`, item);
    const result = reader && read(reader);
    return result === undefined ? [] : [result];
  });
}

import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import type { ApiError } from '@/lib/api-client';

/**
 * Puts the server's field errors (a 400's details) next to the form's fields. `fields` maps an API field name to
 * the form's own when they differ. Returns whether every error found a field to stand by.
 */
export function useServerFieldErrors<T>(form: FormInstance<T>, fields: Record<string, string> = {}) {
  return useCallback(
    (error: ApiError): boolean => {
      if (!error.details.length) return false;
      const known = new Set(Object.keys(form.getFieldsValue(true) as object));
      const byField = new Map<string, string[]>();
      let placed = true;
      for (const d of error.details) {
        const name = fields[d.field] ?? d.field;
        if (!known.has(name)) {
          placed = false;
          continue;
        }
        byField.set(name, [...(byField.get(name) ?? []), d.message]);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
      return placed;
    },
    [form, fields],
  );
}

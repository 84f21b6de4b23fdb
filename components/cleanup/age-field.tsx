'use client';

/**
 * An age the prune contract takes (lib/api/prune.ts `untilParam`): 24h, 7d, 90m, or a date. Half-typed ages
 * are not sent: a preview waits for something the server would accept.
 */
export function isAge(value: string): boolean {
  const age = value.trim();
  return age === '' || /^\d+[smhd]$/.test(age) || (age.length >= 10 && !Number.isNaN(Date.parse(age)));
}

export interface AgeFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}

export function AgeField({ label, value, onChange, hint }: AgeFieldProps) {
  const valid = isAge(value);
  return (
    <label className="block">
      <span className="text-slate-600">{label}</span>
      <input
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="e.g. 24h, 7d"
        aria-invalid={!valid}
        className="mt-1 block w-32 rounded-md border border-slate-300 px-2 py-1"
      />
      {!valid ? (
        <span className="mt-1 block text-xs text-red-700">Use 24h, 7d, 90m or a date.</span>
      ) : (
        hint && <span className="mt-1 block text-xs text-slate-500">{hint}</span>
      )}
    </label>
  );
}

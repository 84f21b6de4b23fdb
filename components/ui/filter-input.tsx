'use client';

export interface FilterInputProps {
  /** What is filtered, as the placeholder and accessible name say it: "Filter tags". */
  label: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
}

/** The search box over a paged list; the page decides what typing does to its page number. */
export function FilterInput({ label, value, onChange, className = 'w-56' }: FilterInputProps) {
  return (
    <input
      type="search"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      placeholder={label}
      aria-label={label}
      className={`${className} rounded-md border border-slate-300 px-3 py-1.5 text-sm`}
    />
  );
}

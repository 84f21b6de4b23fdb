'use client';

export interface TextFieldProps {
  id: string;
  label: string;
  /** The label is for screen readers only (the placeholder says it on screen). */
  hiddenLabel?: boolean;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  title?: string;
  /** What is wrong with the value (red), or else a hint about it (grey); neither when empty. */
  error?: string | null;
  hint?: string | null;
  className?: string;
}

/** A labelled one-line input with the check of its value below it. */
export function TextField({ id, label, hiddenLabel = false, value, onChange, placeholder, title, error, hint, className }: TextFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className={hiddenLabel ? 'sr-only' : 'text-sm'}>
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        title={title}
        className="w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
      />
      {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectFieldProps {
  id: string;
  label: string;
  labelClassName?: string;
  value: string;
  onChange: (value: string) => void;
  options: SelectOption[];
  /** Width and font of the select (the frame is shared). */
  className?: string;
}

/** A label and its select, side by side. */
export function SelectField({ id, label, labelClassName = 'text-sm', value, onChange, options, className = '' }: SelectFieldProps) {
  return (
    <>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={`rounded-md border border-slate-300 bg-white px-2 py-1 text-sm ${className}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  );
}

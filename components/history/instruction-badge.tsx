const LAYER_MAKERS = new Set(['RUN', 'COPY', 'ADD', 'IMPORT']);

export interface InstructionBadgeProps {
  instruction: string;
}

/** Instructions that write files get a strong colour; metadata-only ones a quiet one. */
export function InstructionBadge({ instruction }: InstructionBadgeProps) {
  const strong = LAYER_MAKERS.has(instruction);
  return (
    <span
      className={`inline-flex w-24 shrink-0 justify-center rounded px-1.5 py-0.5 font-mono text-[11px] font-semibold tracking-wide ${
        strong ? 'bg-sky-100 text-sky-800' : 'bg-slate-100 text-slate-600'
      }`}
    >
      {instruction}
    </span>
  );
}

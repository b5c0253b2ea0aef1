// A titled panel of the board's dark layout.
import type { ReactNode } from 'react';

export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="zy-board-panel" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

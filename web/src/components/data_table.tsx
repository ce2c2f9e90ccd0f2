// The staff pages' data table: a keyboard-scrollable region named by the table's caption, one
// header cell per column; the rows are the caller's.
import type { ReactNode } from 'react';

export function DataTable({
  id,
  caption,
  columns,
  className,
  children,
}: {
  id: string;
  caption: string;
  columns: readonly string[];
  className?: string;
  children: ReactNode;
}) {
  const captionId = `${id}-caption`;
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={className === undefined ? 'table' : `table ${className}`}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

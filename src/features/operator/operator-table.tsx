import type { ReactNode } from 'react';

/** The operator page's tables (column mapping, report, rows to fix): a column-headed table that scrolls sideways on a phone. */
export function OperatorTable({
  testId,
  columns,
  className = 'operator-table',
  hidden,
  children,
}: {
  testId: string;
  columns: ReactNode[];
  className?: string;
  hidden?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="operator-scroll" hidden={hidden}>
      <table className={className} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

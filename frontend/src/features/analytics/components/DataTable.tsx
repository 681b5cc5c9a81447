import type { ReactNode } from 'react';

export interface Column<Row> {
  /** The column's heading; also its React key, so unique within a table. */
  header: string;
  cell: (row: Row, index: number) => ReactNode;
  /** Figures: right-aligned (`num`) so digits line up. */
  numeric?: boolean;
  /** The cell that names its row (a month, a category, an event): read out with each figure. */
  rowHeader?: boolean;
}

interface DataTableProps<Row> {
  /** Read by screen readers only: the panel's heading already names the table on screen. */
  caption: ReactNode;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  testId: string;
}

/** A chart's figures as a real table: its text alternative and the exact numbers. */
export function DataTable<Row>({ caption, columns, rows, rowKey, testId }: DataTableProps<Row>) {
  return (
    <table className="table table--figures" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col" className={column.numeric ? 'num' : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => {
              const Cell = column.rowHeader ? 'th' : 'td';
              return (
                <Cell
                  key={column.header}
                  scope={column.rowHeader ? 'row' : undefined}
                  className={column.numeric ? 'num' : undefined}
                >
                  {column.cell(row, index)}
                </Cell>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

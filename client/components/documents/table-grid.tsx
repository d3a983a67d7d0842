// A table document as an editable grid: one text box per cell, rows added and removed; saved back
// as the one GFM table the server keeps.
export type Grid = { header: string[]; rows: string[][] };

const cell = (text: string) => text.replace(/\r?\n/g, ' ').replaceAll('|', '\\|');

export function toGfm({ header, rows }: Grid): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

export function TableGrid({ grid, onChange }: { grid: Grid; onChange: (grid: Grid) => void }) {
  const { header, rows } = grid;
  const setCell = (row: number, column: number, text: string) =>
    onChange({ header, rows: rows.map((r, i) => (i === row ? r.map((c, j) => (j === column ? text : c)) : r)) });
  return (
    <div className="table-grid-wrap">
      <table className="table-grid" data-testid="table-grid">
        <thead>
          <tr>
            {header.map((name, j) => (
              <th key={`${j}-${name}`} scope="col">
                <input
                  aria-label={`Column ${j + 1} name`}
                  value={name}
                  onChange={(e) => onChange({ header: header.map((h, k) => (k === j ? e.target.value : h)), rows })}
                />
              </th>
            ))}
            <th>
              <span className="visually-hidden">Row actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((text, j) => (
                <td key={j}>
                  <input
                    aria-label={`Row ${i + 1}, ${header[j] || `column ${j + 1}`}`}
                    value={text}
                    onChange={(e) => setCell(i, j, e.target.value)}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="small ghost"
                  aria-label={`Remove row ${i + 1}`}
                  onClick={() => onChange({ header, rows: rows.filter((_, k) => k !== i) })}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="small" onClick={() => onChange({ header, rows: [...rows, header.map(() => '')] })}>
        Add a row
      </button>
    </div>
  );
}

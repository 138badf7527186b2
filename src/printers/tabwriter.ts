// Port of Go's text/tabwriter (elastic tabstops), including the RememberWidths
// extension from github.com/liggitt/tabwriter that kubectl uses for `get`.

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar?: string;
  rememberWidths?: boolean;
  alignRight?: boolean;
  discardEmptyColumns?: boolean;
  tabIndent?: boolean;
  debug?: boolean;
}

export const TABLE_OPTS: Readonly<TabWriterOptions> = Object.freeze({ minwidth: 6, tabwidth: 4, padding: 3 });
export const DESCRIBE_OPTS: Readonly<TabWriterOptions> = Object.freeze({ minwidth: 0, tabwidth: 8, padding: 2 });

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

const CSI_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]/g;

export function displayWidth(text: string): number {
  return [...text.replace(CSI_SEQUENCE, '')].length;
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly rememberWidths: boolean;
  private readonly alignRight: boolean;
  private readonly discardEmptyColumns: boolean;
  private readonly tabIndent: boolean;
  private readonly debug: boolean;

  private cell = '';
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out = '';

  constructor(opts: TabWriterOptions) {
    const { minwidth, tabwidth, padding } = opts;
    for (const [name, v] of Object.entries({ minwidth, tabwidth, padding })) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`tabwriter: ${name} must be a non-negative integer`);
    }
    const padchar = opts.padchar ?? ' ';
    if ([...padchar].length !== 1) throw new RangeError('tabwriter: padchar must be a single character');
    this.minwidth = minwidth;
    this.tabwidth = tabwidth;
    this.padding = padding;
    this.padchar = padchar;
    this.rememberWidths = opts.rememberWidths ?? false;
    this.alignRight = (opts.alignRight ?? false) && padchar !== '\t';
    this.discardEmptyColumns = opts.discardEmptyColumns ?? false;
    this.tabIndent = opts.tabIndent ?? false;
    this.debug = opts.debug ?? false;
  }

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        // A line with a single cell cannot influence the columns of the lines
        // that follow, so everything buffered so far can be formatted now.
        if (ch === '\f' || ncells === 1) {
          this.flushBuffered();
          if (ch === '\f' && this.debug) this.out += '---\n';
        }
      }
    }
    this.cell += text.slice(start);
  }

  flush(): string {
    this.flushBuffered();
    const out = this.out;
    this.out = '';
    return out;
  }

  getRememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  setRememberedWidths(widths: readonly number[]): this {
    this.maxwidths = [...widths];
    return this;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: displayWidth(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private flushBuffered(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.cell = '';
    this.lines = [[]];
    this.widths = [];
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= this.lines[current].length - 1) continue;

      this.writeLines(line0, current);
      line0 = current;

      let width = this.minwidth;
      let discardable = true;
      for (; current < line1; current++) {
        const line = this.lines[current];
        if (column >= line.length - 1) break;
        const c = line[column];
        width = Math.max(width, c.width + this.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }

      if (discardable && this.discardEmptyColumns) width = 0;

      if (this.rememberWidths) {
        const col = this.widths.length;
        if (this.maxwidths.length < col) this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        if (this.maxwidths.length === col) this.maxwidths.push(width);
        else if (this.maxwidths[col] > width) width = this.maxwidths[col];
        else this.maxwidths[col] = width;
      }

      this.widths.push(width);
      this.format(line0, current);
      this.widths.pop();
      line0 = current;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = this.tabIndent;
      line.forEach((c, j) => {
        if (j > 0 && this.debug) this.out += '|';
        const padded = j < this.widths.length;
        if (c.text.length === 0) {
          if (padded) this.writePadding(c.width, this.widths[j], useTabs);
          return;
        }
        useTabs = false;
        if (this.alignRight) {
          if (padded) this.writePadding(c.width, this.widths[j], false);
          this.out += c.text;
        } else {
          this.out += c.text;
          if (padded) this.writePadding(c.width, this.widths[j], false);
        }
      });
      if (i + 1 < this.lines.length) this.out += '\n';
    }
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return;
      const roundedCellw = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      this.out += '\t'.repeat(Math.ceil((roundedCellw - textw) / this.tabwidth));
      return;
    }
    this.out += this.padchar.repeat(cellw - textw);
  }
}

export function formatTable(lines: readonly (readonly string[])[], opts: TabWriterOptions): string {
  const w = new TabWriter(opts);
  for (const cells of lines) w.write(cells.join('\t') + '\n');
  return w.flush();
}

// A small sparse MILP builder: columns with costs and bounds, rows as sparse entries, handed
// to HiGHS in CSR form.
export interface LinearProgram {
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  integrality: (0 | 1)[];
  rowLower: number[];
  rowUpper: number[];
  starts: number[];
  indices: number[];
  values: number[];
  offset: number;
}

export class LpBuilder {
  readonly lp: LinearProgram = {
    colCost: [],
    colLower: [],
    colUpper: [],
    integrality: [],
    rowLower: [],
    rowUpper: [],
    starts: [0],
    indices: [],
    values: [],
    offset: 0,
  };

  get numCols(): number {
    return this.lp.colCost.length;
  }

  get numRows(): number {
    return this.lp.rowLower.length;
  }

  addCol(cost: number, lower: number, upper: number, integer: boolean): number {
    this.lp.colCost.push(cost);
    this.lp.colLower.push(lower);
    this.lp.colUpper.push(upper);
    this.lp.integrality.push(integer ? 1 : 0);
    return this.lp.colCost.length - 1;
  }

  addRow(lower: number, upper: number, cols: number[], coefs: number[] | number = 1): void {
    for (let i = 0; i < cols.length; i++) {
      this.lp.indices.push(cols[i] as number);
      this.lp.values.push(typeof coefs === 'number' ? coefs : (coefs[i] as number));
    }
    this.lp.rowLower.push(lower);
    this.lp.rowUpper.push(upper);
    this.lp.starts.push(this.lp.indices.length);
  }
}

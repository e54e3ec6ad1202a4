"""Small-cell suppression for every count that leaves the database (page, CSV, PDF): in a small
community a count of 3 can name a person.

- Primary: any cell from 1 to THRESHOLD - 1 (totals included) is shown as "fewer than 11". The
  default threshold, 11, is the cell-size rule of CMS's data release policy (no cell of 1 to 10)
  that many state health departments and victim-services funders follow; TRENDS_SMALL_CELL sets
  another.
- Complementary: a row or column total would give a lone hidden cell away (total minus the
  shown cells), and two hidden cells of a known sum can too (a sum of 2 is two ones). So each
  hidden cell's possible range is computed from everything shown, as a reader could, by linear
  programming (scipy, which Rasa already installs), and while any hidden small cell has only one
  possible value, the smallest shown cell of THRESHOLD or more in its row or column is hidden as
  well ("not shown"); where there is none, every count but the zeros is. Zero cells are shown: a
  zero names nobody.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from bot import settings

FEWER = "fewer than {threshold}"
NOT_SHOWN = "not shown"


def threshold() -> int:
    return int(settings.setting("TRENDS_SMALL_CELL", "11"))


@dataclass
class Table:
    """Counts by row and column, before suppression; totals are added by suppress()."""

    title: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int]]


@dataclass
class Shown:
    """A table as it may be shown: numbers, or FEWER / NOT_SHOWN; the last row and column are totals."""

    title: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int | str]]
    primary: set[tuple[int, int]] = field(default_factory=set)
    complementary: set[tuple[int, int]] = field(default_factory=set)

    def value(self, i: int, j: int) -> int | None:
        """A cell's number, or None when it is hidden."""
        cell = self.cells[i][j]
        return cell if isinstance(cell, int) else None


def with_totals(table: Table) -> np.ndarray:
    grid = np.zeros((len(table.rows) + 1, len(table.columns) + 1), dtype=np.int64)
    grid[:-1, :-1] = np.array(table.cells, dtype=np.int64).reshape(len(table.rows), len(table.columns))
    grid[:-1, -1] = grid[:-1, :-1].sum(axis=1)
    grid[-1, :] = grid[:-1, :].sum(axis=0)
    return grid


def ranges(
    grid: np.ndarray, primary: set, complementary: set, small: int
) -> dict[tuple[int, int], tuple[float, float]]:
    """Each hidden cell's smallest and largest possible value, given the shown cells, the sums that
    bind them (every row and column adds up to its total) and what a reader knows of a hidden cell:
    a primary one is 1 to small-1, a complementary one is at least small."""
    hidden = sorted(primary | complementary)
    if not hidden:
        return {}
    index = {cell: k for k, cell in enumerate(hidden)}
    rows, columns = grid.shape
    equations, sums = [], []

    def line(cells: list[tuple[int, int]], total: tuple[int, int]) -> None:
        coefficients, known = np.zeros(len(hidden)), 0.0
        for cell, sign in [*((c, 1.0) for c in cells), (total, -1.0)]:
            if cell in index:
                coefficients[index[cell]] += sign
            else:
                known += sign * grid[cell]
        if coefficients.any():
            equations.append(coefficients)
            sums.append(-known)

    for i in range(rows):
        line([(i, j) for j in range(columns - 1)], (i, columns - 1))
    for j in range(columns):
        line([(i, j) for i in range(rows - 1)], (rows - 1, j))
    bounds = [(1, small - 1) if cell in primary else (small, None) for cell in hidden]
    found = {}
    for cell, k in index.items():
        objective = np.zeros(len(hidden))
        objective[k] = 1.0
        low = linprog(objective, A_eq=equations or None, b_eq=sums or None, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=equations or None, b_eq=sums or None, bounds=bounds, method="highs")
        found[cell] = (low.fun, np.inf if high.status == 3 else -high.fun)  # 3: no upper limit
    return found


def _lines(grid: np.ndarray, cell: tuple[int, int]) -> list[list[tuple[int, int]]]:
    """The cell's row and its column, totals included."""
    i, j = cell
    return [[(i, c) for c in range(grid.shape[1])], [(r, j) for r in range(grid.shape[0])]]


def _smallest_shown(grid: np.ndarray, line: list[tuple[int, int]], hidden: set, small: int) -> tuple[int, int] | None:
    candidates = [c for c in line if c not in hidden and grid[c] >= small]
    return min(candidates, key=lambda c: (grid[c], c), default=None)


def _pairs(grid: np.ndarray, primary: set, complementary: set, small: int) -> None:
    """The classic rule first: no row or column keeps a lone hidden cell."""
    changed = True
    while changed:
        changed = False
        hidden = primary | complementary
        for cell in sorted(hidden):
            for line in _lines(grid, cell):
                if sum(c in hidden for c in line) == 1:
                    partner = _smallest_shown(grid, line, hidden, small)
                    if partner is not None:
                        complementary.add(partner)
                        hidden.add(partner)
                        changed = True


def suppress(table: Table, small: int | None = None) -> Shown:
    small = small or threshold()
    grid = with_totals(table)
    primary = {(int(i), int(j)) for i, j in np.argwhere((grid >= 1) & (grid < small))}
    complementary: set[tuple[int, int]] = set()
    _pairs(grid, primary, complementary, small)
    while True:  # then whatever a reader could still work out, by linear programming
        exposed = [c for c, (low, high) in ranges(grid, primary, complementary, small).items()
                   if c in primary and high - low < 0.5]  # fmt: skip
        if not exposed:
            break
        hidden = primary | complementary
        added = {
            next((found for line in _lines(grid, c) if (found := _smallest_shown(grid, line, hidden, small))), None)
            for c in exposed
        } - {None}
        if not added:  # nothing left to hide beside them: every count that is not zero goes
            complementary.update((int(i), int(j)) for i, j in np.argwhere(grid) if (i, j) not in primary)
            break
        complementary.update(added)
    cells: list[list[int | str]] = [
        [
            FEWER.format(threshold=small) if (i, j) in primary else NOT_SHOWN if (i, j) in complementary else int(v)
            for j, v in enumerate(row)
        ]
        for i, row in enumerate(grid)
    ]
    return Shown(table.title, [*table.rows, "Total"], [*table.columns, "Total"], cells, primary, complementary)

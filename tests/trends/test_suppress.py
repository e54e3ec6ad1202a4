"""No count from 1 to 10 leaves the database, and none can be worked out from what is shown: for
every hidden small cell, a second table exists that shows exactly the same and differs in that
cell (found by integer programming, apart from the linear programming the suppression uses)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from bot.trends.suppress import FEWER, NOT_SHOWN, Table, suppress, with_totals

SMALL = 11


def another_table_differs_in(shown, grid: np.ndarray, cell: tuple[int, int]) -> bool:
    """Whether some table of counts agrees with everything shown but has another value at cell."""
    rows, columns = grid.shape
    n = rows * columns
    at = lambda i, j: i * columns + j  # noqa: E731
    lower, upper = np.zeros(n), np.full(n, 10_000.0)
    for i in range(rows):
        for j in range(columns):
            value = shown.value(i, j)
            if value is not None:
                lower[at(i, j)] = upper[at(i, j)] = value
            elif (i, j) in shown.primary:
                lower[at(i, j)], upper[at(i, j)] = 1, SMALL - 1
            else:
                lower[at(i, j)] = SMALL
    equations = []
    for i in range(rows):
        row = np.zeros(n)
        row[[at(i, j) for j in range(columns - 1)]] = 1
        row[at(i, columns - 1)] = -1
        equations.append(row)
    for j in range(columns):
        column = np.zeros(n)
        column[[at(i, j) for i in range(rows - 1)]] = 1
        column[at(rows - 1, j)] = -1
        equations.append(column)
    sums = LinearConstraint(np.array(equations), 0, 0)
    true = grid[cell]
    for low, high in [(-np.inf, true - 1), (true + 1, np.inf)]:
        objective = np.zeros(n)
        constraints = [sums, LinearConstraint(np.eye(n)[at(*cell)], low, high)]
        found = milp(objective, constraints=constraints, bounds=Bounds(lower, upper), integrality=np.ones(n))
        if found.success:
            return True
    return False


tables = st.integers(1, 4).flatmap(
    lambda r: st.integers(1, 4).flatmap(
        lambda c: st.lists(
            st.lists(st.one_of(st.just(0), st.integers(1, 10), st.integers(11, 60)), min_size=c, max_size=c),
            min_size=r, max_size=r,
        )
    )
)  # fmt: skip


@settings(max_examples=150, deadline=None, derandomize=True)
@given(cells=tables)
def test_no_small_count_is_shown_or_can_be_recovered_from_the_totals(cells):
    table = Table("t", [f"r{i}" for i in range(len(cells))], [f"c{j}" for j in range(len(cells[0]))], cells)
    shown = suppress(table, SMALL)
    grid = with_totals(table)
    for i, row in enumerate(shown.cells):
        for j, cell in enumerate(row):
            assert not (isinstance(cell, int) and 1 <= cell < SMALL), (i, j, cell)
            if cell == FEWER.format(threshold=SMALL):
                assert 1 <= grid[i, j] < SMALL  # "fewer than 11" is true
                assert another_table_differs_in(shown, grid, (i, j)), (cells, (i, j))
            elif cell == NOT_SHOWN:
                assert grid[i, j] >= SMALL
            else:
                assert cell == grid[i, j]


def test_a_lone_small_cell_in_a_row_takes_a_neighbour_with_it():
    shown = suppress(Table("t", ["week 1", "week 2"], ["legal", "shelter"], [[3, 40], [25, 30]]), SMALL)
    assert shown.cells[0][0] == "fewer than 11" and NOT_SHOWN in shown.cells[0]  # 43 - 40 would give 3 away
    assert shown.cells[2][2] == 98  # the grand total is still shown


@pytest.mark.parametrize("small", [5, 11, 21])
def test_the_threshold_is_a_setting(small, monkeypatch):
    monkeypatch.setenv("TRENDS_SMALL_CELL", str(small))
    shown = suppress(Table("t", ["w"], ["a", "b"], [[small - 1, 0]]))
    assert shown.cells[0][0] == f"fewer than {small}"

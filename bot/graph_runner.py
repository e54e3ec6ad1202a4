"""Runs Rasa's prediction graph in order, in the calling thread, as dask's synchronous scheduler
does, without its scheduling machinery: dask.get cost an eighth of each message (bench/, py-spy),
for a graph of a dozen nodes that run one after another anyway. Rasa has no setting for its graph
runner; bot/serve.py applies this when the server starts. Training still runs on dask.

Each node runs once, after the nodes it needs, and gets their (name, output) pairs, as with dask;
an input given to the run is passed as its (name, value) pair, as dask passes a literal.
"""

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


def run_in_order(graph: dict[str, tuple], targets: list[str]) -> dict[str, Any]:
    """dict(dask.get(graph, targets)) for Rasa's graphs: every task is (node, *names it needs),
    every input (name, value)."""
    done: dict[str, Any] = {}

    def value(name: str) -> Any:
        if name not in done:
            task = graph[name]
            done[name] = task[0](*(value(need) for need in task[1:])) if callable(task[0]) else task
        return done[name]

    return dict(value(target) for target in targets)


def run(
    self: DaskGraphRunner, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
) -> dict[str, Any]:
    """DaskGraphRunner.run, with run_in_order in place of dask.get."""
    run_targets = targets if targets else self._graph_schema.target_names
    graph = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    if inputs:
        self._add_inputs_to_graph(inputs, graph)
    try:
        return run_in_order(graph, run_targets)
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error


def apply() -> None:
    DaskGraphRunner.run = run

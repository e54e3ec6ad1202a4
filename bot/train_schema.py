"""A model's training graph, imported only if something reads it (see bot/deferred_imports.py).

Loading a model imports every class its training graph names, and the recipe validator there
imports DIET and TED, and so TensorFlow. A server only runs the prediction graph; nothing in
`rasa run` reads the training graph. Rasa has no setting for this.
"""

import dataclasses

from rasa.engine.graph import GraphSchema
from rasa.engine.storage.storage import ModelMetadata


class _UnreadSchema(GraphSchema):
    """A graph schema as the model stored it; its node classes imported at the first read."""

    def __init__(self, serialized: dict):
        self._serialized, self._nodes = serialized, None

    @property
    def nodes(self) -> dict:
        if self._nodes is None:
            self._nodes = GraphSchema.from_dict(self._serialized).nodes
        return self._nodes


_from_dict = ModelMetadata.from_dict.__func__


def _metadata_from_dict(cls, serialized: dict) -> ModelMetadata:
    metadata = _from_dict(cls, {**serialized, "train_schema": {"nodes": {}}})
    return dataclasses.replace(metadata, train_schema=_UnreadSchema(serialized["train_schema"]))


def apply() -> None:
    ModelMetadata.from_dict = classmethod(_metadata_from_dict)

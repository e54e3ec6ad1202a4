"""TensorFlow loaded only when a component of the model uses it.

Rasa imports TensorFlow at start though no component of this pipeline uses it: about 450 MB of
each Rasa process and 2.5 s of its start. Rasa has no setting for this. It comes in two ways:
- every server imports the entity extractors' base, which imports rasa.utils.train_utils, which
  imports TensorFlow. The modules in DEFERRED are put in sys.modules as stand-ins that run the real
  module the first time any name is read from them (`from rasa.utils.train_utils import x`, or
  `train_utils.x` in a function);
- loading a model imports every class its training graph named, and the recipe validator there
  imports DIET and TED. A server never runs the training graph; its classes are now imported when
  something first reads it (bot/train_schema.py).
A component or policy that does use TensorFlow (DIET, TED) is in the prediction graph, which is
imported as before, and it gets TensorFlow then.

The standard library's importlib.util.LazyLoader cannot do this: the import statement itself
reads `__spec__` of a module it finds in sys.modules, which makes LazyLoader run the module at the
second `import rasa.utils.train_utils` of the many in Rasa.
"""

import importlib.abc
import importlib.machinery
import sys
import threading
import types

# Found by starting the server and seeing what imported TensorFlow. tests/test_deferred_imports.py
# and tests/e2e/test_conversation.py check that a served conversation leaves it unloaded.
DEFERRED = frozenset({"rasa.utils.train_utils"})


class _Deferred(types.ModuleType):
    """A module not run yet. Names the import system sets (`__spec__`, `__name__`, `__file__`)
    are in its dict and read without running it; any other name runs it first."""

    def __getattr__(self, name: str):
        if name == "__path__":  # asked of every module a `from` import names; a plain module has none
            raise AttributeError(name)
        with _RUNNING:
            if isinstance(self, _Deferred):  # not run by another thread meanwhile
                self.__class__ = types.ModuleType
                self.__spec__.loader = self.__loader__ = real = self.__loader__.real
                real.exec_module(self)
        return getattr(self, name)


_RUNNING = threading.RLock()


class _DeferredLoader(importlib.abc.Loader):
    def __init__(self, real: importlib.abc.Loader):
        self.real = real

    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module) -> None:
        module.__class__ = _Deferred


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in DEFERRED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None:
            spec.loader = _DeferredLoader(spec.loader)
        return spec


def install() -> None:
    """Before Rasa is imported; a module imported already stays as it is."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())

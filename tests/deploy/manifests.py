"""The deployment files as the tests read them: the Kubernetes manifests rendered by
`kubectl kustomize`, and the checkers the Makefile installs in their own virtualenv
(kubernetes-validate needs a newer jsonschema than Rasa allows)."""

import shutil
import subprocess
from pathlib import Path

import yaml

from bot.settings import ROOT

DEPLOY = ROOT / "deploy"
KUSTOMIZATIONS = [DEPLOY / "kubernetes" / "base", DEPLOY / "kubernetes" / "example"]
TOOLS = ROOT / ".venv-deploy" / "bin"


def tool(name: str) -> str:
    path = shutil.which(name) if name == "kubectl" else str(TOOLS / name)
    if not path or not Path(path).exists():
        raise RuntimeError(f"{name} is missing: `make test` installs the deployment checkers (Makefile, DEPLOY_TOOLS)")
    return path


def render(kustomization: Path) -> str:
    args = [tool("kubectl"), "kustomize", str(kustomization)]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def documents(kustomization: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(render(kustomization)) if doc]


def validate(manifest: Path) -> subprocess.CompletedProcess:
    """kubernetes-validate, strict: an unknown field is an error, not ignored."""
    args = [tool("kubernetes-validate"), "--strict", "--quiet", str(manifest)]
    return subprocess.run(args, capture_output=True, text=True)


def hadolint(dockerfile: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("hadolint"), "--no-color", str(dockerfile)], capture_output=True, text=True)


def find(docs: list[dict], kind: str, name: str) -> dict:
    return next(d for d in docs if d["kind"] == kind and d["metadata"]["name"].startswith(name))


def pod_spec(doc: dict) -> dict:
    template = doc["spec"]["jobTemplate"]["spec"]["template"] if doc["kind"] == "CronJob" else doc["spec"]["template"]
    return template["spec"]


def env_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if line.strip() and not line.startswith("#"))
    return dict(pairs)

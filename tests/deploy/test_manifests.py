"""The Dockerfile and the Kubernetes manifests (deploy/): they render, validate against the
Kubernetes schemas, lint clean, and run the topology the production tests prove: several Rasa
replicas, the action server and the console on PostgreSQL and Redis, sticky web chats, probes,
secrets only from a Secret, and the purge as a CronJob."""

import copy
import re

import pytest
import yaml

from bot import settings
from tests.deploy.manifests import (
    DEPLOY,
    KUSTOMIZATIONS,
    documents,
    env_file,
    find,
    hadolint,
    pod_spec,
    render,
    validate,
)

SERVERS = ("rasa", "actions", "console")


@pytest.fixture(scope="module")
def example():
    return documents(DEPLOY / "kubernetes" / "example")


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS, ids=lambda k: k.name)
def test_the_manifests_render_and_pass_the_kubernetes_schemas(kustomization, tmp_path):
    rendered = tmp_path / "rendered.yaml"
    rendered.write_text(render(kustomization))
    result = validate(rendered)
    assert result.returncode == 0, result.stdout + result.stderr
    kinds = {doc["kind"] for doc in yaml.safe_load_all(rendered.read_text())}
    assert {"Deployment", "Service", "CronJob", "Ingress", "ConfigMap", "NetworkPolicy"} <= kinds


def _replicas_in_words(rasa: dict) -> str:
    rasa["spec"]["replicas"] = "two"
    return "replicas"


def _misspelt_probe_path(rasa: dict) -> str:
    rasa["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["paht"] = "/"
    return "paht"


@pytest.mark.parametrize("mistake", [_replicas_in_words, _misspelt_probe_path], ids=lambda m: m.__name__[1:])
def test_the_schema_check_catches_a_mistake(example, tmp_path, mistake):
    """The check above can fail: a string replica count, an unknown field."""
    rasa = copy.deepcopy(find(example, "Deployment", "rasa"))
    named = mistake(rasa)
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(rasa))
    result = validate(broken)
    assert result.returncode != 0
    assert named in result.stdout + result.stderr


def test_several_rasa_replicas_share_the_production_stores_and_web_chats_stay_on_one(example):
    rasa = find(example, "Deployment", "rasa")
    assert rasa["spec"]["replicas"] >= 2
    assert "bot/endpoints.production.yml" in pod_spec(rasa)["containers"][0]["args"]
    assert find(example, "Service", "rasa")["spec"]["sessionAffinity"] == "ClientIP"
    ingress = find(example, "Ingress", "assistant")
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    paths = {p["path"] for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]}
    assert "/socket.io/" in paths and "/webhooks/" in paths
    assert not any(p.startswith(("/conversations", "/model")) for p in paths)  # Rasa's own API stays inside


def test_one_image_runs_every_server_and_job_as_a_user_with_probes(example):
    images = set()
    for kind, name in [*(("Deployment", s) for s in SERVERS), ("CronJob", "purge")]:
        spec = pod_spec(find(example, kind, name))
        assert spec["securityContext"]["runAsNonRoot"] is True
        for container in spec.get("initContainers", []) + spec["containers"]:
            images.add(container["image"])
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["resources"]["limits"]["memory"]
            if kind == "Deployment" and container in spec["containers"]:
                assert container["readinessProbe"]["httpGet"]["path"]
                assert container["livenessProbe"]["httpGet"]["path"]
    assert images == {"registry.example.org/victim-witness-assistant:0.1.0"}


def test_the_purge_runs_as_a_cronjob_and_the_servers_leave_it_to_it(example):
    purge = find(example, "CronJob", "purge")
    assert purge["spec"]["concurrencyPolicy"] == "Forbid"
    args = pod_spec(purge)["containers"][0]["args"]
    assert args[:3] == ["python", "-m", "bot.privacy.purge"] and "bot/endpoints.production.yml" in args
    assert find(example, "ConfigMap", "assistant-config")["data"]["PURGE_EVERY_MINUTES"] == "0"


def test_secrets_come_only_from_the_secret_and_with_the_config_they_are_everything_production_needs(
    example, monkeypatch
):
    config = find(example, "ConfigMap", "assistant-config")["data"]
    secrets = env_file(DEPLOY / "kubernetes" / "secrets.example.env")
    assert config["APP_ENV"] == "production"
    assert not set(config) & set(secrets)
    for kind, name in [*(("Deployment", s) for s in SERVERS), ("CronJob", "purge")]:
        for container in pod_spec(find(example, kind, name))["containers"]:
            assert "env" not in container  # no value written into a manifest
            sources = {ref.get("secretRef", {}).get("name") for ref in container["envFrom"]}
            assert "assistant-secrets" in sources
    needed = set(re.findall(r"\$\{(\w+)\}", (settings.ROOT / "bot" / "endpoints.production.yml").read_text()))
    assert needed <= set(config) | set(secrets)
    for name in list(config) + list(secrets):
        monkeypatch.setenv(name, config.get(name) or f"invented-{name.lower()}")
    settings.require()  # production starts with exactly these names set


def test_the_dockerfile_lints_clean_and_builds_what_the_makefile_builds():
    dockerfile = DEPLOY / "Dockerfile"
    result = hadolint(dockerfile)
    assert result.returncode == 0, result.stdout + result.stderr
    text = dockerfile.read_text()
    makefile = (settings.ROOT / "Makefile").read_text()
    rasa_args = re.search(r"^RASA_ARGS := (.+)$", makefile, re.MULTILINE).group(1)
    assert " ".join(re.search(r"RUN rasa train (.+?) \\\n\s+(.+)", text).groups()).startswith(rasa_args)
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    assert ignored[ignored.index("*") - 1].startswith("#") and "*" in ignored  # everything left out first
    for needed in ("bot", "actions", "data", "locales", "pyproject.toml"):
        assert f"!{needed}" in ignored


def test_the_dockerfile_lint_can_fail(tmp_path):
    careless = tmp_path / "Dockerfile"
    careless.write_text("FROM python:latest\nRUN apt-get install curl\nUSER root\n")
    result = hadolint(careless)
    assert result.returncode != 0
    assert "DL3007" in result.stdout  # the latest tag

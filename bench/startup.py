"""Seconds from `make run` to the assistant's first answer, with the model already trained (the
README's figure): make checks the model and loads the directory, then the three servers start.

    .venv/bin/python bench/startup.py [--runs 3]
"""

import argparse
import os
import signal
import subprocess
import time

import requests

from bot.settings import ROOT

URL = "http://127.0.0.1:5005/webhooks/rest/webhook"


def once() -> float:
    started = time.monotonic()
    make = subprocess.Popen(
        ["make", "run"], cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            try:
                if requests.post(URL, json={"sender": "bench-start", "message": "hi"}, timeout=10).json():
                    return time.monotonic() - started
            except requests.RequestException:
                time.sleep(0.1)
            if make.poll() is not None:
                raise SystemExit("make run stopped before answering")
    finally:
        os.killpg(make.pid, signal.SIGTERM)
        make.wait()
        time.sleep(1)  # the ports are free again


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    subprocess.run(["make", "train", "directory"], cwd=ROOT, check=True, capture_output=True)  # as after `make train`
    times = [once() for _ in range(args.runs)]
    print(f"make run to the first answer: {', '.join(f'{t:.1f}' for t in times)} s (best {min(times):.1f} s)")


if __name__ == "__main__":
    main()

"""Warm handoff to a human advocate: requests, the queue, claims (issue 5, in progress)."""

"""Rasa's stores, wrapped where the project needs more than Rasa gives (encryption at rest)."""

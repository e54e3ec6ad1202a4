"""The advocate console: accounts, sign-in, sessions, CSRF protection and the audit log.

This is the console's security foundation (issue 5); the queue, conversations and relay come
with the warm handoff.
"""

"""Rasa's Redis lock store with each change to a lock made in one step inside Redis.

Rasa's RedisLockStore changes a conversation's ticket lock by reading it, changing it in Python
and writing it back: seven round trips per message, each holding up the server's every other
conversation (a seventh of a production server's time per message, py-spy). Two replicas that
take the same conversation at once, as two texts sent seconds apart can make them, can also both
read the lock before either writes it: both are issued the same ticket and handle their
messages at the same time, or one deletes the lock the other has just joined and that message
fails with "Could not acquire lock". Here issuing a ticket and giving one back are each one Lua
script, which Redis runs without interruption: three round trips per message, and no such race.

The lock in Redis is Rasa's own (TicketLock.dumps, under the same key), so Rasa's code reads it
as before and replicas of either kind can share it during an upgrade. Times are the replica's
clock, as in Rasa.
"""

import time
from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.commands.core import Script

# The tickets that have not expired, in order, from a lock as TicketLock.dumps() writes it (each
# ticket is itself a JSON string), and the lock written back as Rasa writes it, or deleted when no
# ticket is left.
_TICKETS = """
local function live_tickets(raw, now)
  local kept = {}
  if raw then
    for _, text in ipairs(cjson.decode(raw)["tickets"]) do
      local ticket = cjson.decode(text)
      if ticket["expires"] >= now then table.insert(kept, ticket) end
    end
  end
  return kept
end
local function store(key, conversation_id, tickets, keep_empty)
  if #tickets == 0 and not keep_empty then
    redis.call("DEL", key)
    return
  end
  local texts = {}
  for i, ticket in ipairs(tickets) do
    texts[i] = cjson.encode({number = ticket["number"], expires = ticket["expires"]})
  end
  redis.call("SET", key, cjson.encode({conversation_id = conversation_id, tickets = texts}))
end
"""

# KEYS[1] the lock; ARGV: conversation id, now, lifetime. Returns the new ticket's number: one more
# than the last live ticket's, or 0 (TicketLock.issue_ticket).
ISSUE = (
    _TICKETS
    + """
local tickets = live_tickets(redis.call("GET", KEYS[1]), tonumber(ARGV[2]))
local number = 0
if #tickets > 0 then number = tickets[#tickets]["number"] + 1 end
table.insert(tickets, {number = number, expires = tonumber(ARGV[2]) + tonumber(ARGV[3])})
store(KEYS[1], ARGV[1], tickets, true)
return number
"""
)

# KEYS[1] the lock; ARGV: conversation id, now, the ticket to give back. The lock keeps its other
# live tickets, and goes when none is left (LockStore.cleanup).
FINISH = (
    _TICKETS
    + """
local kept = {}
for _, ticket in ipairs(live_tickets(redis.call("GET", KEYS[1]), tonumber(ARGV[2]))) do
  if ticket["number"] ~= tonumber(ARGV[3]) then table.insert(kept, ticket) end
end
store(KEYS[1], ARGV[1], kept, false)
"""
)

# KEYS[1] the lock; ARGV: conversation id, now. Its expired tickets go; the lock stays, empty or
# not (LockStore.update_lock, while waiting for the lock).
PRUNE = (
    _TICKETS
    + """
local raw = redis.call("GET", KEYS[1])
if raw then store(KEYS[1], ARGV[1], live_tickets(raw, tonumber(ARGV[2])), true) end
"""
)


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)
        self._issue = self.red.register_script(ISSUE)
        self._finish = self.red.register_script(FINISH)
        self._prune = self.red.register_script(PRUNE)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return int(self._run(self._issue, conversation_id, lock_lifetime))
        except Exception as error:  # as Rasa's: the channel answers a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._run(self._finish, conversation_id, ticket_number)

    def update_lock(self, conversation_id: str) -> None:
        self._run(self._prune, conversation_id)

    def _run(self, script: Script, conversation_id: str, *args: float) -> Any:
        """A script on the conversation's lock, with the conversation id, the time now and args."""
        arguments = [conversation_id, repr(time.time()), *map(repr, args)]
        return script(keys=[self.key_prefix + conversation_id], args=arguments)

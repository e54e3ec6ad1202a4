"""A person's data kept no longer than needed: the retention schedule (bot/retention.yml) and the
purge that enforces it."""

# What action_delete_conversation sends: the channel erases the conversation once the turn is
# saved (bot/privacy/erase.py), since an action cannot delete the tracker it is part of.
ERASE_REQUEST = {"erase_conversation": True}
# The words that erase a conversation on every channel, however typed ("delete." "Borrar ").
DELETE_WORDS = {"DELETE", "BORRAR"}


def asks_to_delete(text: str) -> bool:
    return text.strip().strip(".!").strip().upper() in DELETE_WORDS

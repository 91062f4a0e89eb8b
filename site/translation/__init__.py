"""Translation of the Chinese source site into English: machine drafts behind
a glossary, the English review workflow, the status report, and the state of
each translation for the public pages."""

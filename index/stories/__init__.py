"""Stories: articles about the same event grouped without being told, from
word counts kept per article version."""

"""search/whoosh_internals"""

"""The presenters: the Textual reader and the command line."""

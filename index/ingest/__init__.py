"""Turning what people bring into articles: documents (front matter, plain
text, Markdown), web pages, feeds, fetching, decoding, site chrome, URL
helpers and the bundled seeds. Nothing here stores anything."""

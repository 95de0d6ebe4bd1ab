"""Compare and facts: questions read, the story's passages scored, what each
source reports and what differs between them (figures, names, quotes), the
scopes compare looks in, and the export."""
